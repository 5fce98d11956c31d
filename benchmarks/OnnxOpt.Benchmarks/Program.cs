using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is reachable through BenchmarkDotNet's switcher (e.g. "--filter *Float16*").
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
