package org.rectificationhub.ingest.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.rectificationhub.ShortCache;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.Backlog;
import org.rectificationhub.ingest.ChannelWatch;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mail channel's backlog: the unseen mails in the hub's mailbox, per department by their From address (what
 * the hub has not taken yet; it flags a mail seen once it is recorded), and the replies that fail. The mailbox is
 * opened read-only and only From headers are fetched, for at most {@value #LOOKED_AT} mails, at most every few
 * seconds.
 */
@Component
class MailWatch implements ChannelWatch {

    static final int LOOKED_AT = 500;
    private static final Duration ASK_AT_MOST_EVERY = Duration.ofSeconds(5);
    private static final int TIMEOUT_MS = 5000;

    private final MailSettings settings;
    private final MailSenders senders;
    private final FailingReplies replies;
    private final Departments departments;
    private final Clock clock;
    private final ShortCache<Backlog> cache;

    MailWatch(MailSettings settings, MailSenders senders, FailingReplies replies, Departments departments,
              Clock clock) {
        this.settings = settings;
        this.replies = replies;
        this.senders = senders;
        this.departments = departments;
        this.clock = clock;
        this.cache = new ShortCache<>(this::ask, ASK_AT_MOST_EVERY, clock);
    }

    @Override
    public String channel() {
        return MailIntake.CHANNEL;
    }

    @Override
    public Backlog backlog() {
        return settings.enabled() ? cache.get()
                : Backlog.disabled(channel(), "mails", "switched off (HUB_MAIL_ENABLED=false)", clock.instant());
    }

    private Backlog ask() {
        String mailbox = settings.login() + " on " + settings.imapServer() + ":" + settings.imapPort();
        try (Store store = MailStore.open(settings, TIMEOUT_MS, TIMEOUT_MS)) {
            Folder inbox = store.getFolder("INBOX");
            if (!inbox.exists()) {
                return count(new Message[0], mailbox);
            }
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                return count(unseen, mailbox);
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            return Backlog.unavailable(channel(), "mails", "the mailbox " + mailbox + " could not be read: " + e,
                    clock.instant());
        }
    }

    private Backlog count(Message[] unseen, String mailbox) throws MessagingException {
        Message[] looked = Arrays.copyOf(unseen, Math.min(unseen.length, LOOKED_AT));
        FetchProfile whose = new FetchProfile(); // not the envelope: MailInbox says why
        whose.add("From");
        whose.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        if (looked.length > 0) {
            looked[0].getFolder().fetch(looked, whose);
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Instant> oldest = new LinkedHashMap<>();
        for (Message mail : looked) {
            String[] from = mail.getHeader("From");
            String department = from == null || from.length != 1 ? null : senders.departmentOf(from[0]);
            String key = department == null ? "" : department;
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            Instant arrived = mail.getReceivedDate() == null ? null : mail.getReceivedDate().toInstant();
            if (arrived != null) {
                oldest.merge(key, arrived, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        String partial = unseen.length > LOOKED_AT ? "the first " + LOOKED_AT + " of " + unseen.length
                + " unseen mails looked at" : null;
        Map<String, Backlog.Waiting> waiting = new LinkedHashMap<>();
        for (Department department : departments.all()) {
            waiting.put(department.id(), new Backlog.Waiting(counts.getOrDefault(department.id(), new long[1])[0],
                    oldest.get(department.id()), null, partial));
        }
        Backlog.Waiting strangers = new Backlog.Waiting(counts.getOrDefault("", new long[1])[0], oldest.get(""), null,
                partial);
        return new Backlog(channel(), Backlog.RUNNING, "mails", "mailbox " + mailbox + ": " + unseen.length
                + " unseen" + replies.summary(), waiting, strangers, clock.instant());
    }
}
