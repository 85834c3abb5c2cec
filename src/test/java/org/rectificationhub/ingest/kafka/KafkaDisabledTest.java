package org.rectificationhub.ingest.kafka;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.rectificationhub.HubApplication;
import org.rectificationhub.support.HubFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** hub.kafka.enabled=false, as tests of the other channels set it: no broker, the Kafka route stays stopped. */
@SpringBootTest(classes = HubApplication.class, properties = {"hub.kafka.enabled=false",
        "hub.operator.password=test-password"})
class KafkaDisabledTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        HubFolders.create().registerWithKafka(registry);
    }

    @Autowired
    CamelContext camel;
    @Autowired
    KafkaBroker broker;

    @Test
    void withKafkaDisabledNoBrokerStartsAndTheKafkaRouteStaysStopped() {
        assertThat(broker.isRunning()).isFalse();
        assertThat(camel.getRouteController().getRouteStatus("kafka-inbound")).isEqualTo(ServiceStatus.Stopped);
        assertThat(camel.getRouteController().getRouteStatus("file-inbox")).isEqualTo(ServiceStatus.Started);
    }
}
