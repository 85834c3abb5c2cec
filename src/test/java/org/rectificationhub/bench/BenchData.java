package org.rectificationhub.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.support.Examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's data, generated the same for every run (seeded): {@link #DEPARTMENTS} departments besides the
 * office, {@link #ROUNDS} rounds of {@link #PROBLEMS_PER_ROUND} problems each assigned to one department, and
 * progress updates of realistic size, each from the department that owns its problem.
 */
final class BenchData {

    static final int DEPARTMENTS = 20;
    static final int ROUNDS = 4;
    static final int PROBLEMS_PER_ROUND = 500;
    private static final String[] PHRASES = {"召开专题会议研究部署整改工作，", "制定整改方案并明确责任分工，",
            "对照问题清单逐项整改销号，", "建立长效机制防止问题反弹，", "开展专项检查并形成台账，",
            "督促相关单位限期整改到位，", "完善制度规定12项，", "清退资金3.5万元，"};

    private BenchData() {
    }

    static String department(int d) {
        return String.format("bench-d%02d", d);
    }

    /** hub.yaml: the office and the departments, ids as names so ledgers and notices can name them too. */
    static String hubYaml() {
        StringBuilder yaml = new StringBuilder("hub:\n  departments:\n    - { id: rectification-office,"
                + " name: 巡察整改工作领导小组办公室, office: true }\n");
        for (int d = 1; d <= DEPARTMENTS; d++) {
            yaml.append("    - { id: ").append(department(d)).append(", name: 基准部门").append(d).append(" }\n");
        }
        return yaml.toString();
    }

    static String roundId(int r) {
        return "bench-round-" + r;
    }

    /** Problem p of a round is owned by department p % DEPARTMENTS + 1. */
    static String owner(int problemNo) {
        return department(problemNo % DEPARTMENTS + 1);
    }

    static List<byte[]> rounds() {
        List<byte[]> rounds = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            ObjectNode json = Examples.roundJson().put("updateId", "bench-register-" + r);
            ((ObjectNode) json.get("round")).put("roundId", roundId(r));
            ArrayNode problems = json.putArray("problems");
            for (int p = 1; p <= PROBLEMS_PER_ROUND; p++) {
                ObjectNode problem = problems.addObject().put("problemNo", p);
                problem.putObject("category").put("no", 1 + p / 100).put("title", "第" + (1 + p / 100) + "类问题");
                problem.put("title", "基准问题" + p + "：" + PHRASES[p % PHRASES.length]);
                problem.putArray("responsibleUnits").add(owner(p));
                problem.putArray("measures");
            }
            rounds.add(bytes(json));
        }
        return rounds;
    }

    /** Update n of the drain ({@code bench-n}): round n % ROUNDS, a problem of it, from its owner. */
    static Update update(int n, Random random) {
        return update("bench-", n, random);
    }

    /** Update n, its id made of the prefix and n; progress of about 600 bytes. */
    static Update update(String prefix, int n, Random random) {
        int round = n % ROUNDS + 1;
        int problem = 1 + random.nextInt(PROBLEMS_PER_ROUND);
        String department = owner(problem);
        StringBuilder progress = new StringBuilder("第" + n + "次报告：");
        while (progress.length() < 200) {
            progress.append(PHRASES[random.nextInt(PHRASES.length)]);
        }
        ObjectNode json = Examples.progressJson();
        json.remove(List.of("measureSeq", "evidence", "accountability", "exemption"));
        json.put("department", department).put("updateId", prefix + n).put("roundId", roundId(round))
                .put("problemNo", problem).put("sequence", n).put("status", "in-progress")
                .put("progress", progress.append("。").toString());
        return new Update(prefix + n, department, roundId(round) + "/" + problem, bytes(json));
    }

    /** @param key the record key: one problem's reports stay in one partition, in the order they were sent */
    record Update(String updateId, String department, String key, byte[] json) {
    }

    private static byte[] bytes(ObjectNode json) {
        return CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8);
    }
}
