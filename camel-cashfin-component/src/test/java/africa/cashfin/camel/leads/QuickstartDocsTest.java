package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/quickstart.md shows the quick-start projects' files as they are in quickstart/ (whose own tests run them
 * against the simulator): a block marked {@code <!-- file: path -->} is that file, byte for byte.
 */
class QuickstartDocsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void everyFileShownIsTheFileInTheRepository() throws Exception {
        String page = Files.readString(ROOT.resolve("docs/quickstart.md"));
        Matcher m = Pattern.compile("(?s)<!-- file: (\\S+) -->\\n```\\w+\\n(.*?)```").matcher(page);
        List<String> shown = new ArrayList<>();
        while (m.find()) {
            Path file = ROOT.resolve(m.group(1));
            assertThat(file).as("docs/quickstart.md shows %s", m.group(1)).exists();
            assertThat(m.group(2)).as("docs/quickstart.md's copy of %s (regenerate it from the file)", m.group(1))
                    .isEqualTo(Files.readString(file));
            shown.add(m.group(1));
        }
        assertThat(shown).contains("quickstart/camel-main/pom.xml", "quickstart/spring-boot/pom.xml",
                "quickstart/camel-main/src/main/resources/application.properties",
                "quickstart/spring-boot/src/main/resources/application.yaml");
    }
}
