package org.rectificationhub.ingest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.util.Properties;

/**
 * The one way the hub opens its mailbox's server (the embedded one or a real one, as the settings say), for reading
 * the mail and for counting what waits. Bodies are fetched with PEEK: opening or reading never marks a mail seen.
 */
final class MailStore {

    private MailStore() {
    }

    static Store open(MailSettings settings, int connectMillis, int readMillis) throws MessagingException {
        String protocol = settings.embedded() ? "imap" : settings.imapProtocol();
        Properties p = new Properties();
        p.put("mail." + protocol + ".peek", "true");
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(connectMillis));
        p.put("mail." + protocol + ".timeout", String.valueOf(readMillis));
        // A mail's bytes in pieces of 1 MB, not 16 KB: each piece is a round trip, and a notice of 60 KB took four.
        // Still pieces, so a mail over the size limit is never held whole (RawMail).
        p.put("mail." + protocol + ".fetchsize", String.valueOf(1024 * 1024));
        Store store = Session.getInstance(p).getStore(protocol);
        store.connect(settings.imapServer(), settings.imapPort(), settings.login(),
                settings.embedded() && settings.password().isBlank() ? settings.address() : settings.password());
        return store;
    }
}
