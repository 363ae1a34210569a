def helper(n):
    tmp = list(range(n))
    return len(tmp)

out = [helper(3)]
print(out)
