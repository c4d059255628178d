package org.posetta.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only packages {@code nn} and {@code adapt} may use the deep-learning engine (DESIGN.md). */
class DependencyRuleTest {
    @Test
    void onlyNnAndAdaptImportDjl() throws IOException {
        Path root = Path.of("src/main/java/org/posetta");
        assertThat(root).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        Path rel = root.relativize(f);
                        String top = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
                        return !top.equals("nn") && !top.equals("adapt");
                    })
                    .filter(DependencyRuleTest::mentionsDjl)
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).as("files outside nn/ and adapt/ that use ai.djl").isEmpty();
    }

    private static boolean mentionsDjl(Path f) {
        try {
            return Files.readString(f).matches("(?s).*\\bai\\.djl\\..*");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
