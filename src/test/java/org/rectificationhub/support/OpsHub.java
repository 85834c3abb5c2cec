package org.rectificationhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * One hub for the tests of the operators' read API: file drops and mail (its own server on free ports) on, Kafka
 * off, the database failing on demand, Prometheus scraped as in production. The test classes extending it share
 * one Spring context, so each uses rounds and departments of its own. Deliveries retry fast and park late: a test
 * that heals the database watches the relay catch up by itself, as within a real outage's first minutes.
 */
@SpringBootTest(properties = {"hub.mail.poll-delay=200", "hub.delivery.first-back-off=200ms",
        "hub.delivery.max-back-off=1s", "hub.delivery.park-after=200"})
@AutoConfigureMockMvc
@AutoConfigureMetrics
@Import(FaultyDatabase.class)
public abstract class OpsHub {

    private static final int SMTP = MailBox.freePort();
    private static final int IMAP = MailBox.freePort();
    protected static final HubFolders hub = HubFolders.create();
    protected static final MailBox mail = new MailBox(SMTP, IMAP);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        hub.register(registry);
        registry.add("hub.mail.enabled", () -> "true");
        registry.add("hub.mail.smtp-port", () -> SMTP);
        registry.add("hub.mail.imap-port", () -> IMAP);
    }

    @Autowired
    protected MockMvc mvc;

    /** GET as the operator, answered 200, as text. */
    protected String text(String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path)
                .with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))).andReturn().getResponse();
        if (response.getStatus() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.getStatus() + ": "
                    + response.getContentAsString(StandardCharsets.UTF_8));
        }
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    protected JsonNode json(String path) throws Exception {
        return CanonicalJson.mapper().readTree(text(path));
    }

    /** The status a GET as the operator is answered with. */
    protected int status(String path) throws Exception {
        return mvc.perform(get(path).with(httpBasic("operator", HubFolders.OPERATOR_PASSWORD))).andReturn()
                .getResponse().getStatus();
    }
}
