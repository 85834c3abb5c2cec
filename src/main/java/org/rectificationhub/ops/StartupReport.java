package org.rectificationhub.ops;

import org.rectificationhub.HubProperties;
import org.rectificationhub.department.Department;
import org.rectificationhub.security.Accounts;
import org.rectificationhub.security.Login;
import org.rectificationhub.security.Logins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/** Tells whoever started the hub what it offers: URLs, inbox folders, where the credentials are. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final HubProperties properties;
    private final Logins logins;
    private final Accounts accounts;
    private final Environment environment;

    StartupReport(HubProperties properties, Logins logins, Accounts accounts, Environment environment) {
        this.properties = properties;
        this.logins = logins;
        this.accounts = accounts;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        StringBuilder text = new StringBuilder("\n\n  Rectification Hub is up (instance ")
                .append(properties.instanceId()).append(")\n");
        text.append("  API (user ").append(logins.operator().user()).append("):  ").append(base)
                .append("/api/rounds\n");
        text.append("    ").append(base).append("/api/quarantine   ").append(base).append("/api/ledger/verify\n");
        text.append("  Operators' console (user ").append(logins.operator().user()).append("):  ").append(base)
                .append("/ops/\n");
        text.append("  Health:  ").append(base).append("/actuator/health   Metrics (user ")
                .append(logins.metrics().user()).append("): ").append(base).append("/actuator/prometheus\n");
        // Where the passwords are, never the passwords themselves: logs travel further than the data dir.
        text.append("  Operator password: ").append(source(logins.operator())).append('\n');
        text.append("  Metrics password: ").append(source(logins.metrics())).append('\n');
        text.append("  Public site: ").append(base).append("/public/   files in ").append(dataDir.resolve("site"))
                .append('\n');
        text.append("  Commission (user ").append(logins.commission().user()).append("): ").append(base)
                .append("/api/commission/rounds   password: ").append(source(logins.commission()))
                .append("\n    daily digests in ").append(dataDir.resolve("commission")).append('\n');
        text.append("  Ledger database: ").append(redact(environment.getProperty("spring.datasource.url"))).append('\n');
        text.append("  Data dir: ").append(dataDir).append('\n');
        text.append("  Inbox folders (drop files here):\n");
        for (Department department : properties.departments()) {
            text.append("    ").append(dataDir.resolve("inbox").resolve(department.id()))
                    .append(department.office() ? "   (rectification office)" : "").append('\n');
        }
        text.append(kafka());
        text.append(mail());
        text.append("  Processed files: ").append(dataDir.resolve("archive")).append("   failed: ")
                .append(dataDir.resolve("error")).append('\n');
        log.info(text.toString());
    }

    /** Where the shared login's password is, or that people sign in by name instead. */
    private String source(Login login) {
        return accounts.anyWith(login.role()) ? "off: people with the role sign in by name (account list)"
                : login.source();
    }

    private String kafka() {
        if (!environment.getProperty("hub.kafka.enabled", Boolean.class, true)) {
            return "  Kafka: disabled (HUB_KAFKA_ENABLED=false)\n";
        }
        boolean external = environment.containsProperty("hub.kafka.bootstrap-servers")
                || environment.containsProperty("HUB_KAFKA_BOOTSTRAP_SERVERS");
        return "  Kafka: " + environment.getProperty("camel.component.kafka.brokers")
                + (external ? "" : "   (embedded KRaft broker, log in " + properties.dataDir().toAbsolutePath()
                .normalize().resolve("kafka") + ")")
                + "\n    send to " + environment.getProperty("hub.kafka.inbound-prefix") + "<department>, receipts on "
                + environment.getProperty("hub.kafka.receipts-prefix") + "<department>, commission feed on "
                + environment.getProperty("hub.commission.topic") + "\n";
    }

    private String mail() {
        if (!environment.getProperty("hub.mail.enabled", Boolean.class, true)) {
            return "  Mail: disabled (HUB_MAIL_ENABLED=false)\n";
        }
        String host = environment.getProperty("hub.mail.imap-host", "");
        String address = environment.getProperty("hub.mail.address");
        return host.isBlank()
                ? "  Mail (embedded server, 127.0.0.1): send to " + address + " by SMTP port "
                + environment.getProperty("hub.mail.smtp-port") + "; read replies by IMAP port "
                + environment.getProperty("hub.mail.imap-port") + " (login: your address, any password)\n"
                + "    senders: <department>@localhost\n"
                : "  Mail: " + address + " on " + host + " (" + environment.getProperty("hub.mail.imap-protocol")
                + ")\n";
    }

    private static String redact(String url) {
        return url == null ? "" : url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
