using PolicyOperator.Cli;

return await PolicyCtl.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
