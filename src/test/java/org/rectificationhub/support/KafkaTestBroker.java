package org.rectificationhub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A real KRaft broker for a Spring test's context (the hub's own in-process Kafka, on free ports, its log in a temp
 * dir), started with the context and stopped with it, its topics created first. Its address is the property
 * {@value TestKafka#BROKERS_PROPERTY}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface KafkaTestBroker {

    int partitions() default 1;

    String[] topics() default {};
}
