// Mocha root hooks shared by every test file.
process.env.NODE_ENV ??= 'test';
