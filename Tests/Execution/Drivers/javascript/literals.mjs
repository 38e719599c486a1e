const values = [
  LITERAL,
];
for (const v of values) console.log(Buffer.from(v, 'utf8').toString('hex'));
