package org.rectificationhub.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.rectificationhub.canonical.CanonicalJson;

import java.nio.charset.StandardCharsets;

/**
 * The heaviest valid input (docs/embedded-database.md): an array of 1,000 progress reports of 6,000 characters on
 * problem 1 by its department, 18 MB, each under the input and document limits.
 */
public final class HeaviestInput {

    public static final int DOCUMENTS = 1000;

    private HeaviestInput() {
    }

    /** The {@code a}-th array: its reports' sequence rises across the arrays, so each is recorded. */
    public static byte[] array(int a) {
        ArrayNode array = CanonicalJson.mapper().createArrayNode();
        for (int i = 0; i < DOCUMENTS; i++) {
            int n = a * DOCUMENTS + i;
            String text = "第" + n + "次报告：" + "对照问题清单逐项整改销号，建立长效机制防止问题反弹，".repeat(240);
            array.add(Examples.progressJson().put("updateId", "heavy-" + n).put("sequence", 100 + n)
                    .put("status", "in-progress").put("progress", text.substring(0, 6000)));
        }
        return CanonicalJson.write(array).getBytes(StandardCharsets.UTF_8);
    }
}
