package dev.petrel.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The log files of what one test started (daemons, charon, iperf3, captures), printed to standard output when the
 * test fails. Registered per test instance with {@code @RegisterExtension}.
 */
final class FailureLogs implements AfterTestExecutionCallback {
    private static final int MAX_LINES = 300;

    private final Map<String, Path> files = new LinkedHashMap<>();

    synchronized void add(String label, Path file) {
        files.put(label, file);
    }

    @Override
    public synchronized void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("===== logs of " + context.getDisplayName() + " =====\n");
        files.forEach((label, file) -> {
            out.append("----- ").append(label).append(": ").append(file).append(" -----\n");
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() > MAX_LINES) {
                    out.append("(").append(lines.size() - MAX_LINES).append(" lines before these)\n");
                }
                lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (IOException e) {
                out.append("(cannot read: ").append(e).append(")\n");
            }
        });
        System.out.print(out);
    }
}
