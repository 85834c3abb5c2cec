package org.rectificationhub.ingest.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Reads the hub's mailbox (routes/mail-inbound.camel.yaml ticks it): the unseen mails, oldest first, each taken
 * whole and then flagged seen. Bodies are fetched with PEEK, so reading alone never marks a mail seen: a mail is
 * seen only once every part of it is committed or quarantined and it is answered. The first failure of the hub's
 * own (the database, the mail server) ends the poll and leaves that mail and the rest unseen for the next one.
 * Written against Jakarta Mail rather than Camel's mail consumer because the settings decide protocol, server
 * and login (the embedded server or a real one), and the seen flag must wait for the ledger and the reply.
 */
@Component("mailInbox")
class MailInbox {

    private static final int MAILS_PER_POLL = 50;

    private final MailSettings settings;
    private final MailIntake intake;

    MailInbox(MailSettings settings, MailIntake intake) {
        this.settings = settings;
        this.intake = intake;
    }

    public int poll() throws MessagingException, IOException {
        Store store = MailStore.open(settings, 10_000, 60_000);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                int taken = 0;
                for (Message mail : unseen) {
                    if (taken == MAILS_PER_POLL) {
                        break;
                    }
                    intake.take((MimeMessage) mail);
                    mail.setFlag(Flags.Flag.SEEN, true);
                    taken++;
                }
                return taken;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
