package dev.petrel.cli.control;

import dev.petrel.gateway.control.ControlServer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --socket PATH}: where the daemon's control socket is. */
final class SocketOption {
    @Option(names = "--socket", paramLabel = "PATH", defaultValue = ControlServer.DEFAULT_SOCKET,
            description = "The control socket (default: ${DEFAULT-VALUE}).")
    Path path;
}
