package org.rectificationhub;

import org.junit.jupiter.api.Test;
import org.rectificationhub.support.ChildHub;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar holds one platform: Spring Boot 4.1, Camel 4.22 and Kafka 4.3 in every module, and no library in
 * two versions. Each nested jar is named by the Maven coordinates it carries (META-INF/maven/.../pom.properties), not
 * by its file name (Jackson 2 and Jackson 3 are two libraries with the same artifact names in different groups); a jar
 * built without them (Gradle's, such as Spring's) by its file name.
 */
class PackagedJarIT {

    private static final Pattern FILE_NAME = Pattern.compile("(.+?)-(\\d[^-]*(?:-[A-Za-z]+[^-]*)?)\\.jar");

    @Test
    void thePackagedJarHoldsOnePlatformAndNoLibraryTwice() throws IOException {
        Map<String, Set<String>> versions = new TreeMap<>();
        try (JarFile jar = new JarFile(ChildHub.packagedJar().toFile())) {
            for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith("BOOT-INF/lib/")
                    && e.getName().endsWith(".jar")).toList()) {
                coordinates(jar, entry).forEach((artifact, version) ->
                        versions.computeIfAbsent(artifact, a -> new TreeSet<>()).add(version));
            }
        }

        assertThat(versions).allSatisfy((artifact, found) -> assertThat(found).as(artifact).hasSize(1));
        String boot = only(versions, "spring-boot");
        String camel = only(versions, "camel-core-engine");
        String kafka = only(versions, "kafka-clients");
        assertThat(boot).startsWith("4.1.");
        assertThat(camel).startsWith("4.22.");
        assertThat(kafka).startsWith("4.3.");
        assertThat(only(versions, "kafka_2.13")).isEqualTo(kafka);
        versions.forEach((artifact, found) -> {
            String name = artifact.substring(artifact.indexOf(':') + 1);
            if (name.startsWith("camel-")) {
                assertThat(found).as(artifact).containsExactly(camel);
            }
            if (name.startsWith("kafka-") || name.startsWith("kafka_")) {
                assertThat(found).as(artifact).containsExactly(kafka);
            }
        });
    }

    /** The one version of an artifact, whichever group (or none, for a jar without Maven metadata) it came under. */
    private static String only(Map<String, Set<String>> versions, String artifact) {
        List<String> keys = versions.keySet().stream().filter(k -> k.endsWith(":" + artifact)).toList();
        assertThat(keys).as(artifact).hasSize(1);
        return versions.get(keys.get(0)).iterator().next();
    }

    /** group:artifact to version, from the nested jar's own Maven metadata (a shaded jar may carry several). */
    private static Map<String, String> coordinates(JarFile jar, JarEntry nested) throws IOException {
        Map<String, String> found = new TreeMap<>();
        try (InputStream in = jar.getInputStream(nested); JarInputStream entries = new JarInputStream(in)) {
            for (var entry = entries.getNextJarEntry(); entry != null; entry = entries.getNextJarEntry()) {
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    Properties pom = new Properties();
                    pom.load(entries);
                    found.put(pom.getProperty("groupId") + ":" + pom.getProperty("artifactId"),
                            pom.getProperty("version"));
                }
            }
        }
        if (found.isEmpty()) {
            Matcher name = FILE_NAME.matcher(nested.getName().substring(nested.getName().lastIndexOf('/') + 1));
            if (!name.matches()) {
                throw new IllegalStateException("no version in " + nested.getName());
            }
            found.put("?:" + name.group(1), name.group(2));
        }
        return found;
    }
}
