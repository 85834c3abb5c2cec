package org.rectificationhub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DataDirTest {

    @TempDir
    Path temp;

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void foldersAndTheirMissingParentsAreCreated0700AndFiles0600() throws Exception {
        Path folder = DataDir.createDirectories(temp.resolve("data/error/economic-development/2025-01-01"));
        DataDir.writePrivate(temp.resolve("data/keys/new.txt"), "secret");

        assertThat(permissions(temp.resolve("data"))).isEqualTo("rwx------");
        assertThat(permissions(temp.resolve("data/error/economic-development"))).isEqualTo("rwx------");
        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(temp.resolve("data/keys"))).isEqualTo("rwx------");
        assertThat(permissions(temp.resolve("data/keys/new.txt"))).isEqualTo("rw-------");
        assertThat(Files.readString(temp.resolve("data/keys/new.txt"))).isEqualTo("secret");
    }

    @Test
    void aReplacedFileHoldsTheNewBytes0600AndLeavesNothingBesideIt() throws Exception {
        Path file = temp.resolve("data/site/notice.docx");
        DataDir.replacePrivate(file, new byte[] {1, 2});
        DataDir.replacePrivate(file, new byte[] {3});

        assertThat(Files.readAllBytes(file)).containsExactly(3);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void aFolderAnEarlierHubLeftOpenIsNarrowedAndTheLogSaysSo(CapturedOutput output) throws Exception {
        Path old = Files.createDirectory(temp.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));

        DataDir.keepPrivate(old);

        assertThat(permissions(old)).isEqualTo("rwx------");
        assertThat(output.getOut()).contains("Narrowed " + old + " from rwxr-xr-x to rwx------");
    }

    @Test
    void aKeptSecretIsGeneratedOnceIntoA0600FileAndReadOnEveryLaterCall() throws Exception {
        Path file = temp.resolve("data/db-password.txt");
        String first = DataDir.keptSecret(file);

        assertThat(first).matches("[A-Za-z2-9]{24}");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(DataDir.keptSecret(file)).isEqualTo(first);
        assertThat(DataDir.keptSecret(temp.resolve("data/other.txt"))).isNotEqualTo(first);
    }

    @Test
    void onAFileSystemWithoutPosixPermissionsTheHubStillWritesAndTheLogSaysSoOnce(CapturedOutput output)
            throws Exception {
        // a zip file system has no POSIX view, as Windows and some network drives have none
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + temp.resolve("data.zip").toUri()),
                Map.of("create", "true"))) {
            DataDir.createDirectories(zip.getPath("/data/inbox"));
            DataDir.writePrivate(zip.getPath("/data/inbox/reason.txt"), "text");
            DataDir.keptSecret(zip.getPath("/data/operator-password.txt"));

            assertThat(Files.readString(zip.getPath("/data/inbox/reason.txt"))).isEqualTo("text");
        }
        String told = "file system without POSIX permissions";
        assertThat(output.getOut()).containsOnlyOnce(told);
    }
}
