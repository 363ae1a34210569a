def count_chars(s, acc=None):
    if acc is None:
        acc = {}
    if not s:
        return acc
    acc[s[0]] = acc.get(s[0], 0) + 1
    return count_chars(s[1:], acc)

print(count_chars("banana"))
