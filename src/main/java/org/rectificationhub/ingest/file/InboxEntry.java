package org.rectificationhub.ingest.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An entry under inbox/ as it is, read without following a link (a link's target is never looked at), and why the
 * file channel will not take it.
 */
record InboxEntry(Path path, BasicFileAttributes attributes, int links) {

    /** Why an entry is refused; {@code type} tags the security event. */
    record Refusal(String type, String reason) {
    }

    /** The entry's own attributes (of a link, not its target); throws when it vanished meanwhile. */
    static InboxEntry read(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new InboxEntry(path, attributes, attributes.isRegularFile() ? linkCount(path) : 1);
    }

    String name() {
        return path.getFileName().toString();
    }

    boolean isDirectory() {
        return attributes.isDirectory();
    }

    long modifiedMillis() {
        return attributes.lastModifiedTime().toMillis();
    }

    /**
     * Null when the entry may be taken where it is: a department's folder directly under inbox/ (a regular file
     * there is not taken, but not unsafe either), or a regular file of its own directly in a department's folder.
     */
    Refusal refusal(boolean fileExpected) {
        if (attributes.isSymbolicLink()) {
            return new Refusal("symlink", "it is a symbolic link; the hub never follows links: put the file itself"
                    + " in the folder");
        }
        if (attributes.isOther()) {
            return new Refusal("special-file", "it is not a regular file (a pipe, socket or device); the hub never"
                    + " opens one");
        }
        if (attributes.isDirectory() && fileExpected) {
            return new Refusal("subfolder", "it is a folder; the hub takes only files put directly in the"
                    + " department's folder, never from a subfolder");
        }
        if (links > 1) {
            return new Refusal("hard-link", "it is a hard link (the same file has another name elsewhere); put a"
                    + " copy of the file in the folder");
        }
        if (SafeNames.isTheHubs(name())) {
            return new Refusal("hub-name", "the name ends in " + SafeNames.REASON_SUFFIX + ", which only the hub gives,"
                    + " to the explanation it writes beside a rejected file; rename it and put it back");
        }
        String problem = SafeNames.problem(name());
        return problem == null ? null : new Refusal("unsafe-name", problem + "; rename it and put it back");
    }

    /** Other names of the same file (hard links); file systems that cannot tell count as one. */
    private static int linkCount(Path path) throws IOException {
        try {
            return (Integer) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return 1;
        }
    }
}
