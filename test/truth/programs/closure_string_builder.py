def builder():
    parts = []
    def add(s):
        parts.append(s)
        return "".join(parts)
    return add

add = builder()
add("ab")
result = add("cd")
print(result)
