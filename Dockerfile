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
USER hub
WORKDIR /var/lib/hub
COPY --from=build /src/target/rectification-hub.jar /opt/hub/rectification-hub.jar
ENV HUB_DATA_DIR=/var/lib/hub/data
# The heap of every standalone run (hub.jvm.options in pom.xml); set JDK_JAVA_OPTIONS to change it.
ENV JDK_JAVA_OPTIONS="-Xmx384m"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/hub/rectification-hub.jar"]
