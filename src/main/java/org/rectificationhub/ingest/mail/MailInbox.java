package org.rectificationhub.ingest.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    /** Mails up to this size have their headers fetched with the poll's others: at most 50 × 256 KB held at once. */
    private static final int FETCHED_AT_ONCE_UP_TO = 256 * 1024;
    private static final FetchProfile SIZES = new FetchProfile();
    /**
     * Every header, the envelope (with the arrival date) and the structure of the poll's mails, in one command.
     * Asked one by one, each header the intake reads (Message-ID, From, Auto-Submitted, Authentication-Results, …)
     * was a round trip of its own: 0.65 s a mail. Headers are fetched with PEEK, as the bodies are: nothing is
     * flagged seen. A larger mail (its headers may be most of it) is still asked header by header.
     */
    private static final FetchProfile AT_ONCE = new FetchProfile();

    static {
        SIZES.add(FetchProfile.Item.SIZE);
        AT_ONCE.add(FetchProfile.Item.ENVELOPE);
        AT_ONCE.add(FetchProfile.Item.CONTENT_INFO); // the structure: whether a mail is an automatic one
        AT_ONCE.add(IMAPFolder.FetchProfileItem.HEADERS);
    }

    private final MailSettings settings;
    private final MailIntake intake;
    private final MailReplies replies;

    MailInbox(MailSettings settings, MailIntake intake, MailReplies replies) {
        this.settings = settings;
        this.intake = intake;
        this.replies = replies;
    }

    public int poll() throws MessagingException, IOException {
        Store store = MailStore.open(settings, 10_000, 60_000);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                Message[] batch = Arrays.copyOf(unseen, Math.min(unseen.length, MAILS_PER_POLL));
                inbox.fetch(batch, SIZES);
                List<Message> small = new ArrayList<>();
                for (Message mail : batch) {
                    if (mail.getSize() >= 0 && mail.getSize() <= FETCHED_AT_ONCE_UP_TO) {
                        small.add(mail);
                    }
                }
                inbox.fetch(small.toArray(Message[]::new), AT_ONCE);
                int taken = 0;
                for (Message mail : batch) {
                    intake.take((MimeMessage) mail);
                    mail.setFlag(Flags.Flag.SEEN, true);
                    taken++;
                }
                return taken;
            } finally {
                inbox.close(false);
            }
        } finally {
            replies.pollEnded();
            store.close();
        }
    }
}
