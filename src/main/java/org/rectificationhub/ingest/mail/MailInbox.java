package org.rectificationhub.ingest.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the hub's mailbox (routes/mail-inbound.camel.yaml ticks it): of the unseen mails, a fair share per sender
 * ({@link FairTake}), each taken whole and then flagged seen, then the replies due. Bodies are fetched with PEEK, so
 * reading alone never marks a mail seen: a mail is seen only once every part of it is committed or quarantined and
 * its reply is noted. A mail that cannot be read is quarantined whole and the poll goes on (MailIntake); the first
 * failure of the hub's own (the database, the mail server) ends the poll and leaves that mail and the rest unseen.
 * Written against Jakarta Mail rather than Camel's mail consumer because the settings decide protocol, server and
 * login (the embedded server or a real one), and the seen flag must wait for the ledger.
 */
@Component("mailInbox")
class MailInbox {

    static final int MAILS_PER_POLL = 50;
    /**
     * Unseen mails whose sender is looked at to share a poll out: a backlog of this many from one department still
     * lets another's mail behind it into the next poll. Only the From header and the arrival date are fetched, in
     * one command, not the server's envelope: some servers write a group or source-route From into it so that no
     * client parses it, and a fetch of envelopes then fails for every mail with it.
     */
    static final int LOOKED_AT = 5000;
    private static final FetchProfile WHOSE = new FetchProfile();

    static {
        WHOSE.add("From");
        WHOSE.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    }

    private final MailSettings settings;
    private final MailIntake intake;
    private final MailSenders senders;
    private final MailOutbox outbox;

    MailInbox(MailSettings settings, MailIntake intake, MailSenders senders, MailOutbox outbox) {
        this.settings = settings;
        this.intake = intake;
        this.senders = senders;
        this.outbox = outbox;
    }

    /** One poll: returns how many mails it took. */
    public int poll() throws MessagingException, IOException {
        Store store = MailStore.open(settings, 10_000, 60_000);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            List<Message> turn;
            try {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                Message[] waiting = Arrays.copyOf(unseen, Math.min(unseen.length, LOOKED_AT));
                inbox.fetch(waiting, WHOSE);
                turn = FairTake.of(Arrays.asList(waiting), this::department, MAILS_PER_POLL);
                for (Message mail : turn) {
                    intake.take(mail);
                    mail.setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                inbox.close(false);
            }
            outbox.sendDue(MAILS_PER_POLL);
            return turn.size();
        } finally {
            outbox.pollEnded();
            store.close();
        }
    }

    /** Whose turn a mail waits in: its department's, by its From header, or no one's. */
    private String department(Message mail) {
        try {
            String[] from = mail.getHeader("From");
            return from == null || from.length != 1 ? null : senders.departmentOf(from[0]);
        } catch (MessagingException unreadable) {
            return null; // read again when the mail is taken, where a failure is the mail's or the server's
        }
    }
}
