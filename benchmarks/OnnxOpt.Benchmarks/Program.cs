using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is reachable through BenchmarkDotNet's switcher (e.g. "--filter *PruneConvL1*").
BenchmarkSwitcher.FromAssembly(typeof(OnnxOpt.Benchmarks.SharedFixture).Assembly).Run(args);
