package dev.petrel.cli;

import dev.petrel.cli.control.InitiateCommand;
import dev.petrel.cli.control.ListConnsCommand;
import dev.petrel.cli.control.ListPoolsCommand;
import dev.petrel.cli.control.ListSasCommand;
import dev.petrel.cli.control.RekeyCommand;
import dev.petrel.cli.control.ReloadCommand;
import dev.petrel.cli.control.TerminateCommand;
import dev.petrel.cli.load.LoadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code petrel} command: one launcher for the gateway, its control commands, the demo and the tools. A new
 * subcommand is one more line in {@code subcommands}.
 */
@Command(
        name = "petrel",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        version = "Petrel 0.1.0",
        description = "An IPsec suite for the JVM.",
        subcommands = {
            DaemonCommand.class,
            DemoCommand.class,
            InitiateCommand.class,
            TerminateCommand.class,
            RekeyCommand.class,
            ListSasCommand.class,
            ListConnsCommand.class,
            ListPoolsCommand.class,
            ReloadCommand.class,
            LoadCommand.class,
        })
public final class Petrel implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Petrel()).execute(args));
    }
}
