package org.rectificationhub.ops.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The console speaks simplified Chinese and English. A choice made with ?lang= is kept in a cookie; without one the
 * browser's Accept-Language decides, in its order of preference; a browser asking for neither gets Chinese, the
 * language of the offices the hub serves. Whatever a cookie or a link says, only these two come out, so the page's
 * lang attribute always names the language its words are in.
 */
final class ConsoleLocales extends CookieLocaleResolver {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final Locale ENGLISH = Locale.ENGLISH;

    ConsoleLocales() {
        super("hub-console-lang");
        setCookieMaxAge(Duration.ofDays(365));
        setCookieSameSite("Lax");
        setCookieHttpOnly(true); // only the server reads it
        setDefaultLocaleFunction(ConsoleLocales::fromBrowser);
    }

    /** English for any English, simplified Chinese for any Chinese, else null. */
    private static Locale known(Locale locale) {
        if (locale == null) {
            return null;
        }
        return switch (locale.getLanguage()) {
            case "en" -> ENGLISH;
            case "zh" -> CHINESE;
            default -> null;
        };
    }

    private static Locale fromBrowser(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return CHINESE; // else the servlet container would answer with the server's own locale
        }
        for (Locale asked : Collections.list(request.getLocales())) {
            Locale locale = known(asked);
            if (locale != null) {
                return locale;
            }
        }
        return CHINESE;
    }

    private static Locale orChinese(Locale locale) {
        Locale known = known(locale);
        return known == null ? CHINESE : known;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return orChinese(super.resolveLocale(request));
    }

    /** Read when asked, not now: a ?lang= link changes the locale after the request's context was made. */
    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        TimeZoneAwareLocaleContext context = (TimeZoneAwareLocaleContext) super.resolveLocaleContext(request);
        return new TimeZoneAwareLocaleContext() {
            @Override
            public Locale getLocale() {
                return orChinese(context.getLocale());
            }

            @Override
            public TimeZone getTimeZone() {
                return context.getTimeZone();
            }
        };
    }

    @Override
    public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
        super.setLocaleContext(request, response, context == null || context.getLocale() == null ? null
                : new SimpleTimeZoneAwareLocaleContext(orChinese(context.getLocale()), null));
    }
}
