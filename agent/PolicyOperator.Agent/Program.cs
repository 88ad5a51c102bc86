// The node agent. The sensor and reporting arrive with their issues; until then it starts,
// reports its version and exits, so that the build and the image have an entry point.
Console.WriteLine($"policy-agent {typeof(Program).Assembly.GetName().Version}: the agent is not implemented yet");
return 0;
