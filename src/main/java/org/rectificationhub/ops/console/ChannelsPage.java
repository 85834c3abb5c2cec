package org.rectificationhub.ops.console;

import org.rectificationhub.ops.channels.ChannelOverview;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Every channel per department, as GET /api/channels reports it: the last input, what waits (Kafka's lag per
 * partition, unseen mails, files in the inbox), today's outcomes; a switched-off channel says so and nothing else.
 */
@Controller
class ChannelsPage {

    private final ChannelOverview overview;

    ChannelsPage(ChannelOverview overview) {
        this.overview = overview;
    }

    @GetMapping("/ops/channels")
    String show(Model model) {
        model.addAttribute("report", overview.report());
        return "ops/channels";
    }
}
