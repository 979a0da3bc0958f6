package dev.petrel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code petrel} command: one launcher for the gateway, its control commands, the demo and the tools. */
@Command(
        name = "petrel",
        mixinStandardHelpOptions = true,
        version = "Petrel 0.1.0",
        description = "An IPsec suite for the JVM.",
        subcommands = {DemoCommand.class})
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
