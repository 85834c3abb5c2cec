package org.rectificationhub.support;

import org.rectificationhub.ingest.kafka.InProcessKafka;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Starts the broker a test class asks for with {@link KafkaTestBroker} (registered in META-INF/spring.factories). */
public final class TestKafka implements ContextCustomizerFactory {

    public static final String BROKERS_PROPERTY = "test.kafka.brokers";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        KafkaTestBroker wanted = AnnotatedElementUtils.findMergedAnnotation(testClass, KafkaTestBroker.class);
        return wanted == null ? null : new Broker(wanted.partitions(), List.of(wanted.topics()));
    }

    /** Equal for equal requests, so that Spring's context cache shares a context (and its broker) between them. */
    private record Broker(int partitions, List<String> topics) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            try {
                Path logDir = Files.createTempDirectory("hub-test-kafka-");
                InProcessKafka kafka = InProcessKafka.start(logDir, FreePorts.next(), FreePorts.next(), partitions);
                kafka.createTopics(partitions, topics);
                DisposableBean stop = () -> {
                    kafka.close();
                    FileSystemUtils.deleteRecursively(logDir);
                };
                var beans = context.getBeanFactory();
                beans.registerSingleton("testKafkaBroker", stop);
                ((DefaultSingletonBeanRegistry) beans).registerDisposableBean("testKafkaBroker", stop);
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-kafka",
                        Map.of(BROKERS_PROPERTY, kafka.bootstrapServers())));
            } catch (Exception e) {
                throw new IllegalStateException("the test's Kafka broker did not start", e);
            }
        }

        @Override
        public String toString() {
            return "KafkaTestBroker" + Arrays.asList(partitions, topics);
        }
    }
}
