package org.rectificationhub.ingest.kafka;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.Backlog;
import org.rectificationhub.support.MailBox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka channel's backlog when the broker cannot be asked: said so, within the watch's own time limit. */
class KafkaWatchTest {

    static final Departments DEPARTMENTS = new Departments(List.of(
            new Department("rectification-office", "整改办", List.of(), true, null)));

    @Test
    void aBrokerThatDoesNotAnswerMakesTheChannelUnavailableWithinSeconds() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            KafkaComponent kafka = new KafkaComponent();
            kafka.getConfiguration().setBrokers("127.0.0.1:" + MailBox.freePort());
            camel.addComponent("kafka", kafka);
            KafkaWatch watch = new KafkaWatch(new KafkaSettings(true, 9092, 9093, 3, "rectification.updates.",
                    "rectification.receipts.", "rectification-hub"), DEPARTMENTS, camel, Clock.systemUTC(), null);

            long started = System.nanoTime();
            Backlog backlog = watch.backlog();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(backlog.state()).isEqualTo(Backlog.UNAVAILABLE);
            assertThat(backlog.note()).containsAnyOf("the broker did not answer", "the broker could not be asked");
            assertThat(watch.backlog()).as("asked again only after a few seconds").isSameAs(backlog);
        }
    }

    @Test
    void aKafkaChannelSwitchedOffSaysSoAndAsksNoBroker() {
        KafkaWatch watch = new KafkaWatch(new KafkaSettings(false, 9092, 9093, 3, "rectification.updates.",
                "rectification.receipts.", "rectification-hub"), DEPARTMENTS, null, Clock.systemUTC(), null);
        assertThat(watch.backlog().state()).isEqualTo(Backlog.DISABLED);
        assertThat(watch.backlog().note()).contains("HUB_KAFKA_ENABLED=false");
    }
}
