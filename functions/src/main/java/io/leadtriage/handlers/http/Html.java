package io.leadtriage.handlers.http;

/** HTML escaping and the frame of the few pages the API serves itself. */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;"
                + "margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2933}h1{font-size:1.5rem}"
                + "a{color:#0b69a3}</style></head><body>" + body + "</body></html>";
    }
}
