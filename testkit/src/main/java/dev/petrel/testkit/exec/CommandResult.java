package dev.petrel.testkit.exec;

import java.io.IOException;
import java.util.List;

/** What an external command printed and how it exited. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    /** The standard output when the command exited with 0; otherwise an exception naming the command with both outputs. */
    public String requireSuccess() throws IOException {
        if (exitCode != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exitCode + output());
        }
        return stdout;
    }

    /** Both outputs, labelled, for an exception message; empty when the command printed nothing. */
    public String output() {
        return (stdout.isBlank() ? "" : "\n--- stdout ---\n" + stdout.strip())
                + (stderr.isBlank() ? "" : "\n--- stderr ---\n" + stderr.strip());
    }
}
