namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>One kind of pre-flight finding. Rules only read the model and report into the context.</summary>
public interface ICheckRule
{
    void Check(CheckContext context);
}
