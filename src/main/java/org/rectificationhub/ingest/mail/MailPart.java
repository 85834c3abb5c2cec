package org.rectificationhub.ingest.mail;

/**
 * One part of a mail the hub reads as an input of its own: a text body, or an attachment.
 *
 * @param label           how the reply names it: "正文 body" or the attachment's name
 * @param fileName        a safe name that says what kind of input it is (never a path); null for a JSON body
 * @param bytes           the part's bytes after its transfer encoding (base64, quoted-printable)
 * @param declaredCharset the charset the part's Content-Type declares, or null
 * @param problem         why the part is not read (too large, a type the hub does not read), or null
 */
record MailPart(String label, String fileName, byte[] bytes, String declaredCharset, String problem) {

    static MailPart refused(String label, String fileName, byte[] bytes, String problem) {
        return new MailPart(label, fileName, bytes, null, problem);
    }
}
