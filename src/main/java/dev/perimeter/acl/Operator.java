package dev.perimeter.acl;

/** IOS comparison operators for ports and ttl. */
public enum Operator {
    ANY(""), EQ("eq"), NEQ("neq"), LT("lt"), GT("gt"), RANGE("range");

    private final String keyword;

    Operator(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
