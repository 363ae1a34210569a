big = list(range(300))
print(len(big), big[0], big[-1])
big.append(300)
print(len(big))
