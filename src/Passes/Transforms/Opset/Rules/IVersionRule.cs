namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>
/// What has to happen to one node when a conversion crosses the opset version at which its operator's signature
/// changed. <see cref="Plan"/> inspects the node without changing anything and returns either a problem (the node
/// cannot be expressed on the other side) or the rewrite to run once every node of the model has been planned.
/// </summary>
internal interface IVersionRule
{
    /// <param name="node">The node and its conversion context.</param>
    /// <param name="since">The version of the operator whose change is being crossed.</param>
    RulePlan Plan(NodeConversion node, int since);
}
