package org.rectificationhub.publish;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;

/**
 * Serves $HUB_DATA_DIR/site/ at /public/ as plain files, without login (SecurityConfig permits /public/**), each
 * response with a Content-Security-Policy that allows nothing but the site's own files, and nosniff.
 */
@Configuration
@ConditionalOnWebApplication
class PublicSiteConfig implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PublicSiteConfig.class);

    private final SiteGenerator generator;
    private final SiteSchedule schedule;

    PublicSiteConfig(SiteGenerator generator, SiteSchedule schedule) {
        this.generator = generator;
        this.schedule = schedule;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/public/**").addResourceLocations(generator.site().toUri().toString() + "/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/public").setViewName("redirect:/public/");
        registry.addViewController("/public/").setViewName("forward:/public/index.html");
        registry.addViewController("/public/rounds/{roundId}/").setViewName("forward:index.html");
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> publicSiteHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", "default-src 'self'");
                response.setHeader("X-Content-Type-Options", "nosniff");
                if (!request.getRequestURI().endsWith(".docx")) {
                    // text/html, text/plain, … are served as UTF-8; a Word file is bytes and has no charset
                    response.setCharacterEncoding("UTF-8");
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/public", "/public/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The site equals the ledger's state from the start, whatever the relay has delivered so far. */
    @EventListener(ApplicationReadyEvent.class)
    void regenerateAtStart() {
        try {
            schedule.regenerateAll();
        } catch (RuntimeException e) {
            log.warn("Could not regenerate the public site at start; the publication target will on the next delivery", e);
        }
    }
}
