import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkFormula,
  evaluateFormula,
  FormulaEvaluationError,
  FormulaSyntaxError,
  FUNCTIONS,
  parseFormula,
} from '../src/sfmodel/formula.ts';
import type { FormulaAst, FormulaContext, FormulaValue } from '../src/sfmodel/formula.ts';

// Realistic CME Manager validation rules (error condition formulas).
const RULES = {
  endAfterStart: 'AND(NOT(ISBLANK(End__c)), End__c <= Start__c)',
  virtualNeedsUrl: 'AND(OR(ISPICKVAL(Format__c, "Virtual"), ISPICKVAL(Format__c, "Hybrid")), ISBLANK(Virtual_Url__c))',
  lockApproved:
    'AND(ISPICKVAL(PRIORVALUE(Status__c), "Approved"), OR(ISCHANGED(Start__c), ISCHANGED(Budget__c)), NOT($Permission.CME_Bypass_Event_Lifecycle))',
  parentOpen: 'NOT(OR(ISPICKVAL(Event__r.Status__c, "Approved"), ISPICKVAL(Event__r.Status__c, "Completed")))',
  spendRatio: 'IF(Budget__c > 0, Actual_Spend__c / Budget__c, NULL)',
  countryCode: 'AND(NOT(ISBLANK(Country__c)), NOT(REGEX(Country__c, "[A-Z]{2}")))',
};

const MORE_RULES = [
  'Credits__c < 0 || Credits__c > 100',
  'AND(ISNEW(), Start__c < TODAY())',
  'CASE(Credit_Type__c, "AMA PRA Category 1", 1, "ANCC", 2, 0) = 0 && !ISBLANK(TEXT(Credit_Type__c))',
  'LEN(Title__c) > 80 /* keep titles short for certificates */',
  "AND(\n  ISPICKVAL(Status__c, 'Completed'),\n  BLANKVALUE(Attendee_Count__c, 0) = 0\n)",
  'Owner.Manager.Email <> $User.Email && $Profile.Name != "System Administrator"',
  'IF(ISBLANK(Accreditor__c), FALSE, NOT(CONTAINS(UPPER(Accreditor__c), "ACCME")))',
  'End__c - Start__c > $Setup.CME_Settings__c.Max_Event_Days__c',
  'DATEVALUE(CreatedDate) > DATE(2024, 1, 1) && MOD(Credits__c * 4, 1) <> 0',
  'not(isblank(Sponsor__c)) && includes(Disclosures__c, "Industry")',
];

const NOW = new Date('2024-06-15T12:00:00.000Z');

interface ContextOptions {
  prior?: Record<string, unknown>;
  isNew?: boolean;
  permissions?: string[];
  globals?: Record<string, unknown>;
}

function context(fields: Record<string, unknown>, options: ContextOptions = {}): FormulaContext {
  return {
    getField: (path) => fields[path],
    getPrior: (path) => options.prior?.[path],
    isNew: options.isNew ?? false,
    hasPermission: (name) => (options.permissions ?? []).includes(name),
    now: () => NOW,
    today: () => '2024-06-15',
    getGlobal: (path) => options.globals?.[path],
  };
}

function run(source: string, fields: Record<string, unknown> = {}, options: ContextOptions = {}): FormulaValue {
  return evaluateFormula(parseFormula(source), context(fields, options));
}

function syntaxError(source: string): FormulaSyntaxError {
  try {
    parseFormula(source);
  } catch (error) {
    assert.ok(error instanceof FormulaSyntaxError, `expected FormulaSyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(source)} not to parse`);
}

function checkError(source: string): string {
  const result = checkFormula(source);
  assert.equal(result.ok, false, `expected ${source} to fail the check`);
  return result.ok ? '' : result.error;
}

/** Compact s-expression of an AST, to assert precedence without offsets. */
function shape(node: FormulaAst): string {
  switch (node.kind) {
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'string':
      return JSON.stringify(node.value);
    case 'null':
      return 'null';
    case 'field':
    case 'global':
      return node.path;
    case 'call':
      return `${node.name}(${node.args.map(shape).join(' ')})`;
    case 'unary':
      return `(${node.op}${shape(node.operand)})`;
    case 'binary':
      return `(${shape(node.left)} ${node.op} ${shape(node.right)})`;
  }
}

describe('parseFormula', () => {
  it('parses the realistic validation rules', () => {
    for (const source of [...Object.values(RULES), ...MORE_RULES]) {
      const result = checkFormula(source);
      assert.equal(result.ok, true, `${source}: ${result.ok ? '' : result.error}`);
    }
  });

  it('parses literals', () => {
    assert.deepEqual(parseFormula('12.5'), { kind: 'number', value: 12.5, offset: 0 });
    assert.deepEqual(parseFormula(' .5'), { kind: 'number', value: 0.5, offset: 1 });
    assert.deepEqual(parseFormula('"a\\"b\\\\c\\nd"'), { kind: 'string', value: 'a"b\\c\nd', offset: 0 });
    assert.deepEqual(parseFormula("'it\\'s \"quoted\"'"), { kind: 'string', value: 'it\'s "quoted"', offset: 0 });
    assert.deepEqual(parseFormula('"\\u00e9"'), { kind: 'string', value: 'é', offset: 0 });
    assert.deepEqual(parseFormula('True'), { kind: 'boolean', value: true, offset: 0 });
    assert.deepEqual(parseFormula('false'), { kind: 'boolean', value: false, offset: 0 });
    assert.deepEqual(parseFormula('Null'), { kind: 'null', offset: 0 });
  });

  it('parses fields, relationship paths and globals', () => {
    assert.deepEqual(parseFormula('Event__r.Status__c'), { kind: 'field', path: 'Event__r.Status__c', offset: 0 });
    assert.deepEqual(parseFormula('$Setup.X__c.Y__c'), {
      kind: 'global',
      path: '$Setup.X__c.Y__c',
      scope: 'Setup',
      name: 'X__c.Y__c',
      offset: 0,
    });
  });

  it('upper-cases function names and records offsets', () => {
    const ast = parseFormula('isBlank( Name )');
    assert.deepEqual(ast, {
      kind: 'call',
      name: 'ISBLANK',
      args: [{ kind: 'field', path: 'Name', offset: 9 }],
      offset: 0,
    });
    assert.deepEqual(parseFormula('TODAY()'), { kind: 'call', name: 'TODAY', args: [], offset: 0 });
  });

  it('applies Salesforce operator precedence', () => {
    const cases: Array<[string, string]> = [
      ['1 + 2 * 3', '(1 + (2 * 3))'],
      ['(1 + 2) * 3', '((1 + 2) * 3)'],
      ['10 - 4 - 3', '((10 - 4) - 3)'],
      ['-2 ^ 2', '(-(2 ^ 2))'],
      ['2 ^ 3 ^ 2', '((2 ^ 3) ^ 2)'],
      ['-a * b', '((-a) * b)'],
      ['A & B + C', '(A & (B + C))'],
      ['A & B = C', '((A & B) = C)'],
      ['a = 1 || b = 2 && c = 3', '((a = 1) || ((b = 2) && (c = 3)))'],
      ['!a && b', '((!a) && b)'],
      ['NOT a || b', '((!a) || b)'],
      ['a == b', '(a = b)'],
      ['a <> b', '(a != b)'],
      ['a >= b', '(a >= b)'],
    ];
    for (const [source, expected] of cases) assert.equal(shape(parseFormula(source)), expected, source);
  });

  it('skips comments and newlines', () => {
    assert.equal(shape(parseFormula('/* a */ AND(\r\n  x, /* b */\n  y\n)')), 'AND(x y)');
  });

  it('uses the operator offset for binary nodes', () => {
    const ast = parseFormula('Budget__c  > 0');
    assert.equal(ast.kind === 'binary' && ast.offset, 11);
  });
});

describe('syntax errors', () => {
  const cases: Array<[string, string]> = [
    ['AND(a, b', 'Expected "," or ")" at 1:9 but found end of formula'],
    ['IF(\n  a,\n  (b + c,\n  d)', 'Expected ")" at 3:9 but found ","'],
    ['(a + b', 'Expected ")" at 1:7 but found end of formula'],
    ['a)', 'Expected an operator or end of formula at 1:2 but found ")"'],
    ['Budget__c >', 'Expected an expression at 1:12 but found end of formula'],
    ['a + * b', 'Expected an expression at 1:5 but found "*"'],
    ['IF(a,, b)', 'Expected an expression at 1:6 but found ","'],
    ['MAX(1, 2,)', 'Expected an expression at 1:10 but found ")"'],
    ['ISPICKVAL(Status__c, "Approved)', 'Expected closing " for text at 1:22 but found end of formula'],
    ["LEFT('abc, 1)", "Expected closing ' for text at 1:6 but found end of formula"],
    [
      'REGEX(Code__c, "\\d+")',
      'Expected an escape sequence (\\" \\\' \\\\ \\n \\r \\t \\b \\f \\uXXXX) at 1:17 but found "\\d"',
    ],
    ['a /* never closed', 'Expected "*/" closing the comment at 1:3 but found end of formula'],
    ['Event__r.', 'Expected a field name after "." at 1:10 but found end of formula'],
    ['$User + 1', 'Expected "." after $User at 1:6 but found "+"'],
    ['$ + 1', 'Expected a global variable name after "$" at 1:2 but found " "'],
    ['a # b', 'Expected an operator or end of formula at 1:3 but found "#"'],
    ['a | b', 'Expected an operator or end of formula at 1:3 but found "|"'],
    ['Account.Name(1)', 'Expected a function name at 1:1 but found "Account.Name"'],
    ['1 2', 'Expected an operator or end of formula at 1:3 but found number 2'],
    ['', 'Expected an expression at 1:1 but found end of formula'],
    ['  /* only a comment */ ', 'Expected an expression at 1:24 but found end of formula'],
  ];
  for (const [source, message] of cases) {
    it(`reports ${JSON.stringify(source)}`, () => {
      assert.equal(syntaxError(source).message, message);
    });
  }

  it('exposes the position as fields', () => {
    const error = syntaxError('AND(\n  a,\n  b');
    assert.equal(error.name, 'FormulaSyntaxError');
    assert.deepEqual([error.line, error.column, error.offset], [3, 4, 13]);
    assert.equal(error.expected, '"," or ")"');
    assert.equal(error.found, 'end of formula');
    assert.ok(error instanceof Error);
  });

  it('is reported by checkFormula instead of thrown', () => {
    assert.deepEqual(checkFormula('AND(a'), {
      ok: false,
      error: 'Expected "," or ")" at 1:6 but found end of formula',
    });
  });
});

describe('checkFormula', () => {
  // Each group: a formula checkFormula refuses, and its message.
  const rejected: [title: string, cases: [source: string, message: string][]][] = [
    [
      'rejects unknown functions with their position',
      [
        ['FOO(1)', 'Unknown function FOO() at 1:1'],
        ['AND(a,\n  Predict(b))', 'Unknown function PREDICT() at 2:3'],
      ],
    ],
    [
      'rejects wrong argument counts naming the function and the expected count',
      [
        ['IF(a, b)', 'Incorrect number of arguments for function IF(): expected 3, received 2 at 1:1'],
        ['NOT()', 'Incorrect number of arguments for function NOT(): expected 1, received 0 at 1:1'],
        ['x = TODAY(1)', 'Incorrect number of arguments for function TODAY(): expected 0, received 1 at 1:5'],
        ['FIND("a")', 'Incorrect number of arguments for function FIND(): expected 2 to 3, received 1 at 1:1'],
        ['AND()', 'Incorrect number of arguments for function AND(): expected at least 1, received 0 at 1:1'],
      ],
    ],
    [
      'requires a field reference in ISCHANGED and PRIORVALUE',
      [
        ['ISCHANGED(1 + 1)', 'Function ISCHANGED() expects a field reference as its argument at 1:1'],
        ['PRIORVALUE($User.Id) = "x"', 'Function PRIORVALUE() expects a field reference as its argument at 1:1'],
      ],
    ],
  ];
  for (const [title, cases] of rejected)
    it(title, () => {
      for (const [source, message] of cases) assert.equal(checkError(source), message, source);
    });

  it('requires CASE to have an even argument count of at least 4', () => {
    assert.equal(checkFormula('CASE(x, 1, "a", "b")').ok, true);
    assert.equal(checkFormula('CASE(x, 1, "a", 2, "b", "c")').ok, true);
    const expected = 'Incorrect number of arguments for function CASE(): expected an even number, at least 4';
    assert.equal(checkError('CASE(x, 1, "a")'), `${expected}, received 3 at 1:1`);
    assert.equal(checkError('CASE(x, 1, "a", 2, "b")'), `${expected}, received 5 at 1:1`);
  });

  it('lists distinct fields, globals and functions in order of use', () => {
    const result = checkFormula(RULES.lockApproved);
    assert.ok(result.ok);
    assert.deepEqual(result.fields, ['Status__c', 'Start__c', 'Budget__c']);
    assert.deepEqual(result.globals, ['$Permission.CME_Bypass_Event_Lifecycle']);
    assert.deepEqual(result.functions, ['AND', 'ISPICKVAL', 'PRIORVALUE', 'OR', 'ISCHANGED', 'NOT']);
  });

  it('keeps relationship paths and global paths as written', () => {
    const result = checkFormula(
      'AND(Event__r.Status__c = "x", Owner.Manager.Email != $User.Email, $Setup.CME_Settings__c.Max__c > 1, event__r.Status__c = "y")',
    );
    assert.ok(result.ok);
    assert.deepEqual(result.fields, ['Event__r.Status__c', 'Owner.Manager.Email', 'event__r.Status__c']);
    assert.deepEqual(result.globals, ['$User.Email', '$Setup.CME_Settings__c.Max__c']);
    assert.deepEqual(result.functions, ['AND']);
  });

  it('does not count literals as fields', () => {
    const result = checkFormula('IF(TRUE, NULL, FALSE)');
    assert.ok(result.ok);
    assert.deepEqual(result.fields, []);
  });

  it('has a catalogue entry for every common function', () => {
    for (const name of [
      'AND',
      'OR',
      'CASE',
      'BLANKVALUE',
      'ISPICKVAL',
      'REGEX',
      'VLOOKUP',
      'ADDMONTHS',
      'UNIXTIMESTAMP',
    ]) {
      assert.ok(FUNCTIONS[name], name);
    }
    assert.equal(FUNCTIONS.PREDICT, undefined);
  });
});

describe('evaluateFormula: the validation rules', () => {
  it('End before start', () => {
    assert.equal(run(RULES.endAfterStart, { Start__c: '2024-05-10', End__c: '2024-05-09' }), true);
    assert.equal(run(RULES.endAfterStart, { Start__c: '2024-05-10', End__c: '2024-05-10' }), true);
    assert.equal(run(RULES.endAfterStart, { Start__c: '2024-05-10', End__c: '2024-05-11' }), false);
    assert.equal(run(RULES.endAfterStart, { Start__c: '2024-05-10', End__c: null }), false);
  });

  it('Virtual format needs a URL', () => {
    assert.equal(run(RULES.virtualNeedsUrl, { Format__c: 'Hybrid', Virtual_Url__c: null }), true);
    assert.equal(run(RULES.virtualNeedsUrl, { Format__c: 'Virtual', Virtual_Url__c: '' }), true);
    assert.equal(run(RULES.virtualNeedsUrl, { Format__c: 'Virtual', Virtual_Url__c: 'https://x.test' }), false);
    assert.equal(run(RULES.virtualNeedsUrl, { Format__c: 'In Person', Virtual_Url__c: null }), false);
  });

  it('Approved events are locked unless bypassed', () => {
    const fields = { Status__c: 'Approved', Start__c: '2024-07-02', Budget__c: 1000 };
    const prior = { Status__c: 'Approved', Start__c: '2024-07-01', Budget__c: 1000 };
    assert.equal(run(RULES.lockApproved, fields, { prior }), true);
    assert.equal(run(RULES.lockApproved, fields, { prior, permissions: ['CME_Bypass_Event_Lifecycle'] }), false);
    assert.equal(run(RULES.lockApproved, fields, { prior: { ...prior, Status__c: 'Draft' } }), false);
    assert.equal(run(RULES.lockApproved, fields, { prior: { ...prior, Start__c: '2024-07-02' } }), false);
    // On insert nothing has changed.
    assert.equal(run(RULES.lockApproved, fields, { isNew: true }), false);
  });

  it('Parent event must be approved or completed', () => {
    assert.equal(run(RULES.parentOpen, { 'Event__r.Status__c': 'Draft' }), true);
    assert.equal(run(RULES.parentOpen, { 'Event__r.Status__c': null }), true);
    assert.equal(run(RULES.parentOpen, { 'Event__r.Status__c': 'Completed' }), false);
  });

  it('Spend ratio formula', () => {
    assert.equal(run(RULES.spendRatio, { Budget__c: 200, Actual_Spend__c: 50 }), 0.25);
    assert.equal(run(RULES.spendRatio, { Budget__c: 0, Actual_Spend__c: 50 }), null);
    assert.equal(run(RULES.spendRatio, { Budget__c: null, Actual_Spend__c: 50 }), null);
    assert.equal(run(RULES.spendRatio, { Budget__c: 100, Actual_Spend__c: null }), null);
  });

  it('Country must be a two-letter code', () => {
    assert.equal(run(RULES.countryCode, { Country__c: 'USA' }), true);
    assert.equal(run(RULES.countryCode, { Country__c: 'us' }), true);
    assert.equal(run(RULES.countryCode, { Country__c: 'US' }), false);
    assert.equal(run(RULES.countryCode, { Country__c: null }), false);
  });

  it('evaluates the other sample rules', () => {
    assert.equal(run(MORE_RULES[0], { Credits__c: 101 }), true);
    assert.equal(run(MORE_RULES[0], { Credits__c: 50 }), false);
    assert.equal(run(MORE_RULES[1], { Start__c: '2024-06-14' }, { isNew: true }), true);
    assert.equal(run(MORE_RULES[1], { Start__c: '2024-06-14' }, { isNew: false }), false);
    assert.equal(run(MORE_RULES[2], { Credit_Type__c: 'Other' }), true);
    assert.equal(run(MORE_RULES[2], { Credit_Type__c: 'ANCC' }), false);
    assert.equal(run(MORE_RULES[2], { Credit_Type__c: null }), false);
    assert.equal(
      run(
        MORE_RULES[5],
        { 'Owner.Manager.Email': 'a@x.test' },
        {
          globals: { '$User.Email': 'b@x.test', '$Profile.Name': 'Standard User' },
        },
      ),
      true,
    );
    assert.equal(
      run(
        MORE_RULES[7],
        { Start__c: '2024-06-01', End__c: '2024-06-20' },
        {
          globals: { '$Setup.CME_Settings__c.Max_Event_Days__c': 14 },
        },
      ),
      true,
    );
    assert.equal(run(MORE_RULES[8], { CreatedDate: '2024-03-01T23:30:00.000+0000', Credits__c: 1.1 }), true);
    assert.equal(run(MORE_RULES[9], { Sponsor__c: 'Acme', Disclosures__c: 'Grant;Industry' }), true);
    assert.equal(run(MORE_RULES[9], { Sponsor__c: 'Acme', Disclosures__c: 'Grant;Industry Adjacent' }), false);
  });
});

describe('evaluateFormula: null semantics', () => {
  it('propagates null through arithmetic', () => {
    for (const source of ['x + 1', '1 - x', 'x * 2', 'x / 2', 'x ^ 2', '-x', 'ABS(x)', 'ROUND(x, 1)', 'MAX(1, x)']) {
      assert.equal(run(source, { x: null }), null, source);
    }
  });

  it('makes comparisons with null false', () => {
    for (const source of ['x = 1', 'x != 1', 'x < 1', 'x >= 1', 'NULL = NULL', 'x = DATE(2024, 1, 1)']) {
      assert.equal(run(source, { x: null }), false, source);
    }
  });

  it('treats blank text as empty text', () => {
    assert.equal(run('Name & "!"', { Name: null }), '!');
    assert.equal(run('Name = ""', { Name: null }), true);
    assert.equal(run('Name != "a"', { Name: undefined }), true);
    assert.equal(run('LEN(Name)', {}), 0);
    assert.equal(run('ISPICKVAL(Status__c, "")', { Status__c: null }), true);
  });

  it('distinguishes ISBLANK, ISNULL, BLANKVALUE and NULLVALUE', () => {
    assert.equal(run('ISBLANK(x)', { x: null }), true);
    assert.equal(run('ISBLANK(x)', { x: '' }), true);
    assert.equal(run('ISBLANK(x)', { x: 0 }), false);
    assert.equal(run('ISNULL(x)', { x: '' }), false);
    assert.equal(run('BLANKVALUE(x, "dflt")', { x: '' }), 'dflt');
    assert.equal(run('NULLVALUE(x, 5)', { x: null }), 5);
    assert.equal(run('NULLVALUE(x, 5)', { x: 3 }), 3);
  });

  it('treats a null condition as false', () => {
    assert.equal(run('IF(x > 1, "big", "small")', { x: null }), 'small');
    assert.equal(run('NOT(x > 1)', { x: null }), true);
  });
});

describe('evaluateFormula: dates and times', () => {
  it('subtracts dates to whole days and adds days to dates', () => {
    assert.equal(run('End__c - Start__c', { Start__c: '2024-02-27', End__c: '2024-03-01' }), 3);
    assert.equal(run('Start__c + 3', { Start__c: '2024-02-27' }), '2024-03-01');
    assert.equal(run('3 + Start__c', { Start__c: '2023-02-27' }), '2023-03-02');
    assert.equal(run('Start__c - 1', { Start__c: '2024-01-01' }), '2023-12-31');
    assert.equal(run('TODAY() - DATE(2024, 6, 1)'), 14);
  });

  it('subtracts date/times to fractional days', () => {
    const fields = { A: '2024-06-01T00:00:00.000Z', B: new Date('2024-06-02T06:00:00Z') };
    assert.equal(run('B - A', fields), 1.25);
    assert.deepEqual(run('A + 0.5', fields), new Date('2024-06-01T12:00:00Z'));
    assert.deepEqual(run('NOW() - 1'), new Date('2024-06-14T12:00:00Z'));
    assert.equal(run('NOW() > A', fields), true);
  });

  it('converts between dates and date/times in GMT', () => {
    assert.equal(run('DATEVALUE(CreatedDate)', { CreatedDate: '2024-03-01T23:30:00.000-0500' }), '2024-03-02');
    assert.equal(run('DATEVALUE("2024-02-29")'), '2024-02-29');
    assert.deepEqual(run('DATETIMEVALUE("2024-02-29 13:45:00")'), new Date('2024-02-29T13:45:00Z'));
    assert.equal(run('TEXT(DATETIMEVALUE("2024-02-29 13:45:00"))'), '2024-02-29 13:45:00Z');
    assert.equal(run('DATE(2024, 1, 1) < DATETIMEVALUE("2024-01-01 00:00:01")'), true);
  });

  it('implements the date part functions', () => {
    const fields = { D: '2021-01-03' };
    assert.deepEqual(
      ['YEAR(D)', 'MONTH(D)', 'DAY(D)', 'WEEKDAY(D)', 'DAYOFYEAR(D)', 'ISOWEEK(D)', 'ISOYEAR(D)'].map((source) =>
        run(source, fields),
      ),
      [2021, 1, 3, 1, 3, 53, 2020],
    );
    assert.equal(run('UNIXTIMESTAMP(DATE(1970, 1, 2))'), 86400);
    assert.deepEqual(run('FROMUNIXTIME(86400)'), new Date('1970-01-02T00:00:00Z'));
  });

  it('adds months keeping month ends', () => {
    assert.equal(run('ADDMONTHS(DATE(2024, 1, 31), 1)'), '2024-02-29');
    assert.equal(run('ADDMONTHS(DATE(2024, 2, 29), 1)'), '2024-03-31');
    assert.equal(run('ADDMONTHS(DATE(2024, 1, 15), -2)'), '2023-11-15');
  });

  it('handles times of day', () => {
    assert.equal(run('TIMEVALUE("17:30:45.125")'), '17:30:45.125');
    assert.equal(run('HOUR(TIMEVALUE(NOW()))'), 12);
    assert.equal(run('MINUTE(TIMEVALUE("17:30:45.125"))'), 30);
  });

  it('rejects invalid dates', () => {
    assert.throws(() => run('DATE(2023, 2, 29)'), FormulaEvaluationError);
    assert.throws(() => run('DATEVALUE("not a date")'), /DATEVALUE\(\) cannot convert/);
  });
});

describe('evaluateFormula: functions and operators', () => {
  it('matches REGEX against the whole text', () => {
    assert.equal(run('REGEX("US", "[A-Z]{2}")'), true);
    assert.equal(run('REGEX("USA", "[A-Z]{2}")'), false);
    assert.equal(run('REGEX("a|b", "a|b")'), false);
    assert.equal(run('REGEX("b", "a|b")'), true);
    assert.equal(run('REGEX("555-1234", "\\\\d{3}-\\\\d{4}")'), true);
  });

  it('reads permissions and other globals', () => {
    assert.equal(run('$Permission.Can_Approve', {}, { permissions: ['Can_Approve'] }), true);
    assert.equal(run('$Permission.Can_Approve'), false);
    assert.equal(run('$User.Id', {}, { globals: { '$User.Id': '005000000000001' } }), '005000000000001');
  });

  it('implements PRIORVALUE and ISCHANGED', () => {
    assert.equal(run('PRIORVALUE(Amount__c)', { Amount__c: 2 }, { prior: { Amount__c: 1 } }), 1);
    assert.equal(run('PRIORVALUE(Amount__c)', { Amount__c: 2 }, { isNew: true }), 2);
    assert.equal(run('ISCHANGED(Name)', { Name: 'a' }, { prior: { Name: 'a' } }), false);
    assert.equal(run('ISCHANGED(Name)', { Name: null }, { prior: { Name: '' } }), false);
    assert.equal(run('ISCHANGED(Name)', { Name: 'b' }, { prior: { Name: null } }), true);
    assert.equal(
      run('ISCHANGED(D)', { D: '2024-01-01T00:00:00Z' }, { prior: { D: new Date('2024-01-01T00:00:00Z') } }),
      false,
    );
  });

  it('implements CASE, IF, AND, OR and the logical operators', () => {
    const pick = 'CASE(Level__c, "Gold", 3, "Silver", 2, 1)';
    assert.equal(run(pick, { Level__c: 'Silver' }), 2);
    assert.equal(run(pick, { Level__c: 'Bronze' }), 1);
    assert.equal(run('a && !b || FALSE', { a: true, b: false }), true);
    assert.equal(run('OR(a, b)', { a: false, b: false }), false);
    // AND short-circuits, so the division by zero is never evaluated.
    assert.equal(run('AND(FALSE, 1 / 0 > 1)'), false);
    assert.equal(run('IF(TRUE, "y", 1 / 0)'), 'y');
  });

  it('implements the text functions', () => {
    const cases: Array<[string, FormulaValue]> = [
      ['LEFT("Boston", 3) & RIGHT("Boston", 2) & MID("Boston", 2, 3)', 'Bosonost'],
      ['SUBSTITUTE("a-b-c", "-", "+")', 'a+b+c'],
      ['FIND("b", "abcb") + FIND("b", "abcb", 3) + FIND("z", "abc")', 6],
      ['LPAD("7", 3, "0") & RPAD("ab", 4) & "|"', '007ab  |'],
      ['TRIM("  hi  ") + UPPER("x") + LOWER("Y")', 'hiXy'],
      ['BEGINS("Hello", "He") && CONTAINS("Hello", "ll")', true],
      ['VALUE("12.50") + 1', 13.5],
      ['ISNUMBER("1e3") && !ISNUMBER("abc")', true],
      ['TEXT(12.5) & TEXT(DATE(2024, 3, 9))', '12.52024-03-09'],
      ['CASESAFEID("0015000000Gv7qJ")', '0015000000Gv7qJAAR'],
      ['INCLUDES(x, "B")', true],
    ];
    for (const [source, expected] of cases) assert.equal(run(source, { x: 'A;B' }), expected, source);
  });

  it('implements the math functions with Salesforce rounding', () => {
    const cases: Array<[string, number]> = [
      ['ROUND(2.5, 0)', 3],
      ['ROUND(-2.5, 0)', -3],
      ['ROUND(1.005, 2)', 1.01],
      ['ROUND(1234, -2)', 1200],
      ['CEILING(2.1)', 3],
      ['CEILING(-2.1)', -3],
      ['FLOOR(2.9)', 2],
      ['FLOOR(-2.9)', -2],
      ['MCEILING(-2.1)', -2],
      ['MFLOOR(-2.1)', -3],
      ['TRUNC(-2.789, 2)', -2.78],
      ['MOD(7, 3)', 1],
      ['MAX(1, 5, 3)', 5],
      ['MIN(4, 2)', 2],
      ['SQRT(16) + LOG(100) + ABS(-1)', 7],
      ['2 ^ 10', 1024],
    ];
    for (const [source, expected] of cases) assert.equal(run(source), expected, source);
  });

  it('throws FormulaEvaluationError on runtime errors', () => {
    assert.throws(() => run('FOO(1)'), { name: 'FormulaEvaluationError', message: 'Unknown function FOO()' });
    assert.throws(() => run('VLOOKUP(a, b, c)'), /not supported/);
    assert.throws(() => run('1 / 0'), /Division by zero/);
    assert.throws(() => run('MOD(1, 0)'), /Division by zero/);
    assert.throws(() => run('"a" * 2'), /Cannot apply \* to text and number/);
    assert.throws(() => run('IF(1, 2, 3)'), /Expected a boolean but got number/);
    assert.throws(() => run('x', { x: { nested: true } }), /unsupported value/);
  });
});
