using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>
/// What the model's (first) input expects from a calibration file: its name, and for images the letterbox size.
/// Read from the model: the input's static [N,C,H,W] shape, else Ultralytics' `imgsz` metadata.
/// </summary>
public sealed record CalibrationInput(string Name, int Width, int Height)
{
    /// <summary>The input a calibration file feeds: the model's first graph input that is not an initializer.</summary>
    public static CalibrationInput FromModel(Model model)
    {
        var input = model.Graph.Inputs.FirstOrDefault(v => !v.IsInitializer)
            ?? throw new InvalidDataException("the model has no graph input to calibrate with");
        var (width, height) = ImageSize(model, input);
        return new CalibrationInput(input.Name, width, height);
    }

    private static (int Width, int Height) ImageSize(Model model, Value input)
    {
        if (input.Shape is { Rank: 4 } shape && shape[2].IsKnown && shape[3].IsKnown)
        {
            return ((int)shape[3].Value!.Value, (int)shape[2].Value!.Value);
        }

        // Ultralytics writes imgsz as "[640, 640]" (height, width).
        var imgsz = model.GetMetadata("imgsz");
        var numbers = imgsz?.Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out int n) ? n : 0).ToArray();
        return numbers is { Length: 2 } && numbers[0] > 0 && numbers[1] > 0 ? (numbers[1], numbers[0]) : (640, 640);
    }
}
