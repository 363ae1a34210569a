done = False
checks = [True, False, True]
done = all(checks)
flag = not done
print(done, flag)
