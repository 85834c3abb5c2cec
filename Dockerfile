# Build: docker build -t rectification-hub .   (or let docker-compose build it)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml mvnw ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY routes routes
COPY schemas schemas
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# The data dir exists in the image, owned by hub and 0700, so that a new volume mounted on it starts so too.
RUN useradd --system --home /var/lib/hub hub && mkdir -p -m 700 /var/lib/hub/data \
    && chown hub /var/lib/hub /var/lib/hub/data
WORKDIR /var/lib/hub
# The heap of every standalone run (hub.jvm.options in pom.xml); set JDK_JAVA_OPTIONS to change it.
ENV JDK_JAVA_OPTIONS="-Xmx384m"
COPY --from=build /src/target/rectification-hub.jar /tmp/rectification-hub.jar
# Extracted (Spring Boot's tools mode): classes load from plain jars, not from jars nested in the jar, and a class
# data archive (AppCDS) from a training run (the context refreshed once with the standalone defaults, then closed)
# spares most of the class loading. Both made here, with the JVM that runs them: the hub started in 6.3 s where
# java -jar took 10.4 s (README, Performance).
RUN java -Djarmode=tools -jar /tmp/rectification-hub.jar extract --destination /opt/hub \
    && rm /tmp/rectification-hub.jar \
    && HUB_DATA_DIR=/tmp/training java -XX:ArchiveClassesAtExit=/opt/hub/hub.jsa \
       -Dspring.context.exit=onRefresh -jar /opt/hub/rectification-hub.jar \
    && rm -rf /tmp/training
ENV HUB_DATA_DIR=/var/lib/hub/data
USER hub
EXPOSE 8080
# umask 077: what the JVM's embedded services (H2, Kafka) create in the data dir is the hub user's alone from birth.
ENTRYPOINT ["/bin/sh", "-c", "umask 077 && exec java -XX:SharedArchiveFile=/opt/hub/hub.jsa -jar /opt/hub/rectification-hub.jar \"$@\"", "hub"]
