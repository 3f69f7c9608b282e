package dev.perimeter.acl;

/** Whether matches of an entry are logged, and whether the input interface and MAC are added. */
public enum LogOption {
    NONE(""), LOG("log"), LOG_INPUT("log-input");

    private final String keyword;

    LogOption(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
