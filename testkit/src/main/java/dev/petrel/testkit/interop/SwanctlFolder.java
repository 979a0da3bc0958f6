package dev.petrel.testkit.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A swanctl folder's credential files (x509ca/, x509/, private/...), for strongSwan and Petrel alike. */
public final class SwanctlFolder {
    private SwanctlFolder() {}

    /**
     * Writes {@code files} (a path relative to {@code folder}, e.g. {@code x509ca/ca.pem}, to its text, PEM being ASCII)
     * under {@code folder}, creating the folders on the way; a path that leads outside {@code folder} is refused.
     */
    public static void write(Path folder, Map<String, String> files) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = folder.resolve(file.getKey()).normalize();
            if (!target.startsWith(folder.normalize())) {
                throw new IllegalArgumentException(file.getKey() + " is outside the swanctl folder");
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.US_ASCII);
        }
    }
}
