package org.rectificationhub.ingest.mail;

import org.junit.jupiter.api.Test;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.Backlog;
import org.rectificationhub.support.MailBox;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail channel's backlog when there is nothing to ask: switched off, or a mail server that does not answer. */
class MailWatchTest {

    static final Departments DEPARTMENTS = new Departments(List.of(
            new Department("rectification-office", "整改办", List.of(), true, null)));

    private static MailSettings settings(boolean enabled, int imapPort) {
        return new MailSettings(enabled, "", imapPort, "imap", "", 3025, false, "hub@localhost", "", "", Map.of(), "",
                "", DataSize.ofMegabytes(10), DataSize.ofMegabytes(5), 50, 8, 20, 0, Duration.ofMinutes(1), 8);
    }

    private static MailWatch watch(MailSettings settings) {
        // No failing replies are asked for: neither case reaches a mailbox whose note would list them.
        return new MailWatch(settings, new MailSenders(settings, DEPARTMENTS), null, DEPARTMENTS, Clock.systemUTC());
    }

    @Test
    void aMailChannelSwitchedOffSaysSoAndAsksNoServer() {
        Backlog backlog = watch(settings(false, MailBox.freePort())).backlog();
        assertThat(backlog.state()).isEqualTo(Backlog.DISABLED);
        assertThat(backlog.note()).contains("HUB_MAIL_ENABLED=false");
        assertThat(backlog.departments()).isEmpty();
    }

    @Test
    void aMailServerThatDoesNotAnswerMakesTheChannelUnavailableWithTheReason() {
        int nobodyListens = MailBox.freePort();
        Backlog backlog = watch(settings(true, nobodyListens)).backlog();
        assertThat(backlog.state()).isEqualTo(Backlog.UNAVAILABLE);
        assertThat(backlog.note()).contains("hub@localhost on 127.0.0.1:" + nobodyListens, "could not be read");
    }
}
