package org.rectificationhub.ingest.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The standalone run's mail server: GreenMail with SMTP and IMAP on 127.0.0.1, started when no IMAP host is
 * configured. Any local address may send and read its own inbox with any password: a convenience for trying the
 * hub by hand, which is why it listens on the loopback address only. It keeps mail in memory: unread mail does not
 * survive a restart of the standalone hub (a real server does).
 */
@Component
class MailServer implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailServer.class);

    private final MailSettings settings;
    private GreenMail server;

    MailServer(MailSettings settings) {
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        if (!settings.enabled() || !settings.embedded()) {
            return;
        }
        server = new GreenMail(new ServerSetup[]{
                new ServerSetup(settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(settings.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        log.info("Mail server (standalone) on 127.0.0.1: SMTP {}, IMAP {}; the hub reads {}", settings.smtpPort(),
                settings.imapPort(), settings.address());
    }

    @Override
    public void destroy() {
        if (server != null) {
            server.stop();
        }
    }
}
