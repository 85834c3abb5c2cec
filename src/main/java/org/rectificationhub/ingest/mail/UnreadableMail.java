package org.rectificationhub.ingest.mail;

import jakarta.mail.MessagingException;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ingest.Parking;
import org.rectificationhub.ingest.Reasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * A mail on which reading failed, whatever threw: quarantined whole (its bytes as the mailbox held them) with the
 * reason, and noted taken, so the poll goes on with the next mails and this one is not read again. A mail whose
 * structure no reader accepts is the sender's to send again; a defect of the hub's reader is said to be the hub's,
 * never blamed on the sender, and the mail is kept for an operator to replay once it is mended.
 */
@Component
class UnreadableMail {

    private static final Logger log = LoggerFactory.getLogger(UnreadableMail.class);

    private final Intake intake;
    private final Parking parking;
    private final MailLog taken;

    UnreadableMail(Intake intake, Parking parking, MailLog taken) {
        this.intake = intake;
        this.parking = parking;
        this.taken = taken;
    }

    void quarantine(RawMail raw, String key, Instant arrived, Exception failure) {
        Input whole = new Input(MailIntake.CHANNEL, null, key, raw.bytes(), raw.size(), raw.sha256(), "mail.eml", null,
                Map.of(), arrived);
        if (failure instanceof MessagingException || failure instanceof IOException) {
            log.info("Mail {} cannot be read, quarantined whole: {}", key, describe(failure));
            intake.refuse(whole, Reasons.bounded("the mail cannot be read (" + describe(failure) + "); it is kept"
                    + " whole: send it again from an ordinary mail client"));
        } else {
            log.warn("The mail reader failed on {}; the mail is parked whole for an operator", key, failure);
            parking.park(whole, "the mail reader failed on this mail (" + failure.getClass().getSimpleName() + ")");
        }
        taken.taken(key, raw, null, null, null);
    }

    private static String describe(Exception failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage().replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return message.length() <= 200 ? message : message.substring(0, 200) + "…";
    }
}
