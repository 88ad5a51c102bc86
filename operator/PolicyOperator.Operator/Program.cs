// The controller manager. Reconcilers arrive with the operator issue; until then it starts,
// reports its version and exits, so that the build and the image have an entry point.
Console.WriteLine($"policy-operator {typeof(Program).Assembly.GetName().Version}: the controller manager is not implemented yet");
return 0;
