def squares(n):
    result = [i * i for i in range(n)]
    return result

print(squares(5))
