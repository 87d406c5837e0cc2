# Builds tests/gold/temporal/gold.json from the hand annotations below (typed while reading the
# articles; see GUIDE.md) and checks that every annotated string occurs, in order, in its article.
# Run from anywhere: python3 tests/gold/temporal/make_gold.py
import json, re, html, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
SH = str(HERE.parents[2] / '..' / 'shared' / 'data' / 'news')
def norm(t): return ' '.join(t.split())
def reuters(file, newid):
    s = open(f'{SH}/reuters21578/{file}', encoding='latin-1').read()
    m = re.search(r'<REUTERS[^>]*NEWID="%d">(.*?)</REUTERS>' % newid, s, re.S)
    b = re.search(r'<BODY>(.*?)</BODY>', m.group(1), re.S).group(1)
    return norm(html.unescape(b.replace('&#3;', '')))
def bbc(file): return norm(open(f'{SH}/bbc/{file}', encoding='utf-8').read())

D = lambda text, value, gran, mod=None: dict(text=text, value=value, granularity=gran, **({'modifier': mod} if mod else {}))
def F(text, value, unit=None, kind=None, hedge=None):
    return dict(text=text, value=value, hedge=hedge, unit=unit, type=kind)
P = lambda t, v, h=None: F(t, v, 'percent', 'percentage', h)
M = lambda t, v, cur, h=None: F(t, v, cur, 'money', h)
C = lambda t, v, unit, h=None: F(t, v, unit, 'count', h)
V = lambda t, v, unit: F(t, v, unit, 'count', 'vague')

docs = []
def R(split, file, newid, pub, dates, figures=None):
    docs.append(dict(id=f'reuters21578/{file}#NEWID={newid}', split=split,
        source=dict(corpus='reuters21578', file=file, newid=newid), published=pub,
        anchor='the <DATE> of the <REUTERS> record (GMT date)', dates_scope='all',
        layers=['dates'] + (['figures'] if figures is not None else []),
        dates=dates, figures=figures or []))
def B(split, file, dates, figures):
    docs.append(dict(id=f'bbc/{file}', split=split, source=dict(corpus='bbc', file=file), published=None,
        anchor='none: BBC files carry no date; only anchor-free expressions are annotated', dates_scope='anchor_free',
        layers=['dates', 'figures'], dates=dates, figures=figures))

# ---------------- Reuters-21578, dev ----------------
R('dev', 'reut2-002.sgm', 2505, '1987-03-05', [
    D('today', '1987-03-05', 'day'), D('June', '1987-06', 'month'), D('May 31', '1987-05-31', 'day'),
    D('fiscal 1986', '1986', 'year'), D('August 1986', '1986-08', 'month')])
R('dev', 'reut2-002.sgm', 2978, '1987-03-09', [
    D('January', '1987-01', 'month'), D('December', '1986-12', 'month'), D('a year earlier', '1986-01', 'month'),
    D('December', '1986-12', 'month'), D('January 1986', '1986-01', 'month'), D('seven months', 'P7M', 'duration'),
    D('fiscal 1986/87', '1986', 'year'), D('June 30', '1987-06-30', 'day'), D('a year earlier', '1985', 'year')])
R('dev', 'reut2-002.sgm', 2366, '1987-03-05', [
    D('1987', '1987', 'year'), D('yesterday', '1987-03-04', 'day'), D('1987', '1987', 'year'),
    D('Yesterday', '1987-03-04', 'day'), D('fourth quarter', '1986-Q4', 'quarter'),
    D('the 1985 quarter', '1985-Q4', 'quarter'), D('1986', '1986', 'year'), D('Aug 12, 1986', '1986-08-12', 'day')])
R('dev', 'reut2-002.sgm', 2009, '1987-03-05', [
    D('May this year', '1987-05', 'month'), D('this year', '1987', 'year'), D('early January', '1987-01', 'month', 'start'),
    D('May', '1987-05', 'month'), D('Last month', '1987-02', 'month'), D('December', '1986-12', 'month')])
R('dev', 'reut2-002.sgm', 2406, '1987-03-05', [
    D('today', '1987-03-05', 'day'), D('this time last year', '1986-03-05', 'day'), D('this week', '1987-W10', 'week'),
    D('1986', '1986', 'year'), D('the previous year', '1985', 'year'), D('1985', '1985', 'year')],
  [M('75 cts', 0.75, 'USD'), M('69 cts', 0.69, 'USD', 'more than'), M('23.1 billion dlrs', 23.1e9, 'USD'),
   M('9.5 billion dlrs', 9.5e9, 'USD'), M('12.53 billion dlrs', 12.53e9, 'USD'), M('6.19 billion dlrs', 6.19e9, 'USD')])
R('dev', 'reut2-002.sgm', 2307, '1987-03-05', [
    D('the next five years', 'P5Y', 'duration'), D('the next five years', 'P5Y', 'duration'), D('1987', '1987', 'year'),
    D('1986', '1986', 'year'), D('1986', '1986', 'year'), D('a year earlier', '1985', 'year'), D('1986', '1986', 'year')],
  [P('about 35 pct', 35, 'about'), P('30 pct', 30), C('one major new product', 1, 'major new product'), P('14 pct', 14),
   P('13 pct', 13), M('130 mln sterling', 130e6, 'GBP'), M('about 888 mln dlrs', 888e6, 'USD', 'about'),
   M('15 billion dlrs', 15e9, 'USD'), M('817 mln dlrs', 817e6, 'USD'), M('15.87 billion dlrs', 15.87e9, 'USD'),
   M('about three billion dlrs', 3e9, 'USD', 'about'), M('just under one billion dlrs', 1e9, 'USD', 'nearly'),
   M('580 mln dlr', 580e6, 'USD'), M('about 6.3 billion sterling', 6.3e9, 'GBP', 'about'), M('1.5 billion', 1.5e9, 'GBP')])
R('dev', 'reut2-002.sgm', 2317, '1987-03-05', [
    D('today', '1987-03-05', 'day'), D('1981', '1981', 'year'), D('1982', '1982', 'year'), D('1985', '1985', 'year'),
    D('today', '1987-03-05', 'day')])
R('dev', 'reut2-002.sgm', 2390, '1987-03-05', [
    D('Monday', '1987-03-09', 'day'), D('last Oct 17', '1986-10-17', 'day'), D('Monday', '1987-03-09', 'day'),
    D('last June 18', '1986-06-18', 'day')])
R('dev', 'reut2-017.sgm', 17096, '1987-04-24', [
    D('first quarter', '1987-Q1', 'quarter'), D("last year's first quarter", '1986-Q1', 'quarter'), D('1986', '1986', 'year'),
    D('First quarter', '1987-Q1', 'quarter'), D('first quarter', '1987-Q1', 'quarter'),
    D("1986's final quarter", '1986-Q4', 'quarter'),
    D('the first quarter', '1987-Q1', 'quarter'), D("1986's fourth quarter", '1986-Q4', 'quarter'),
    D('the first quarter', '1987-Q1', 'quarter'), D('a year ago', '1986', 'year'),
    D('the end of the quarter', '1987-Q1', 'quarter', 'end'), D('1986', '1986', 'year'),
    D('the first quarter', '1987-Q1', 'quarter'), D('the first qtr of 1986', '1986-Q1', 'quarter')])
R('dev', 'reut2-017.sgm', 17315, '1987-04-27', [
    D('three-year', 'P3Y', 'duration'), D('March 2, 1987', '1987-03-02', 'day'), D('July 31, 1987', '1987-07-31', 'day')])
R('dev', 'reut2-017.sgm', 17040, '1987-04-23', [
    D('1987', '1987', 'year'), D('June', '1987-06', 'month'), D('one-year', 'P1Y', 'duration'),
    D('the end of October', '1987-10', 'month', 'end'), D('next week', '1987-W18', 'week')])
R('dev', 'reut2-017.sgm', 17223, '1987-04-27', [
    D('March', '1987-03', 'month'), D('February', '1987-02', 'month'), D('March 1986', '1986-03', 'month')] * 3)


# ---------------- Reuters-21578, dev batch 2 (annotated after the first tuning round) ----------------
R('dev', 'reut2-013.sgm', 13255, '1987-04-05', [
    D('end-1986', '1986', 'year', 'end'), D('end-September', '1986-09', 'month', 'end'), D('end-1985', '1985', 'year', 'end'),
    D('end-September', '1986-09', 'month', 'end'), D('end-1986', '1986', 'year', 'end'), D('end-1985', '1985', 'year', 'end')])
R('dev', 'reut2-013.sgm', 13112, '1987-04-03', [
    D('1987', '1987', 'year'), D('1986', '1986', 'year'), D('this year', '1987', 'year'), D('1987', '1987', 'year'),
    D('yearend 1986', '1986', 'year', 'end'), D('1987', '1987', 'year'), D('1987', '1987', 'year'), D('1988', '1988', 'year'),
    D('1987', '1987', 'year'), D('1988', '1988', 'year'), D('May 14', '1987-05-14', 'day')])
R('dev', 'reut2-013.sgm', 13019, '1987-04-03', [
    D('March 25', '1987-03-25', 'day'), D('the week before', '1987-W12', 'week'), D('April 1', '1987-04-01', 'day'),
    D('April 1', '1987-04-01', 'day')])
R('dev', 'reut2-013.sgm', 13573, '1987-04-07', [
    D('seven-year', 'P7Y', 'duration'), D('April 21 1988', '1988-04-21', 'day'), D('March', '1987-03', 'month'),
    D('March', '1987-03', 'month'), D('12-month', 'P12M', 'duration'), D('April 17', '1987-04-17', 'day')])
R('dev', 'reut2-013.sgm', 13030, '1987-04-03', [
    D('May 1985', '1985-05', 'month'), D('January 1, 1997', '1997-01-01', 'day'), D('January 1, 2047', '2047-01-01', 'day')])
R('dev', 'reut2-020.sgm', 20422, '1987-10-20', [
    D('1987', '1987', 'year'), D('the first half of 1987', '1987-H1', 'half'), D('the first six months', '1987-H1', 'half'),
    D('1986', '1986', 'year'), D('the year before', '1985', 'year')],
  [P('17.5 pct', 17.5), M('2.75 billion dlrs', 2.75e9, 'USD'), P('31.7 pct', 31.7), M('80.6 mln dlrs', 80.6e6, 'USD'),
   M('141.0 mln dlrs', 141e6, 'USD'), M('101.5 mln', 101.5e6, 'USD')])
R('dev', 'reut2-020.sgm', 20079, '1987-10-20', [
    D('Thursday', '1987-10-22', 'day'), D('tomorrow', '1987-10-21', 'day'), D('yesterday', '1987-10-19', 'day'),
    D('October 22', '1987-10-22', 'day'), D('January 1989', '1989-01', 'month'),
    D('the beginning of this month', '1987-10', 'month', 'start'), D('Thursday', '1987-10-22', 'day')])
R('dev', 'reut2-020.sgm', 20292, '1987-10-20', [
    D('the third quarter', '1987-Q3', 'quarter'), D('the fourth quarter', '1987-Q4', 'quarter'),
    D('third quarter', '1987-Q3', 'quarter'), D('the year earlier quarter', '1986-Q3', 'quarter'),
    D('the year ago quarter', '1986-Q3', 'quarter')])
R('dev', 'reut2-020.sgm', 20441, '1987-10-20', [
    D('the end of the year', '1987', 'year', 'end'), D('March 31, next year', '1988-03-31', 'day'),
    D('this year', '1987', 'year'), D('next April', '1988-04', 'month')])
R('dev', 'reut2-020.sgm', 20379, '1987-10-20', [
    D('45 days', 'P45D', 'duration'), D('December 3, 1987', '1987-12-03', 'day'), D('December 4, 1987', '1987-12-04', 'day'),
    D('December 31, 1987', '1987-12-31', 'day')])

# ---------------- Reuters-21578, test ----------------
R('test', 'reut2-009.sgm', 9146, '1987-03-25', [
    D('April 1', '1987-04-01', 'day'), D('a year earlier', '1986', 'year'), D('1987/88', '1987', 'year'),
    D('a year earlier', '1986', 'year'), D('1986/87', '1986', 'year')])
R('test', 'reut2-009.sgm', 9789, '1987-03-26', [
    D('10-year', 'P10Y', 'duration'), D('late February', '1987-02', 'month', 'end'), D('April 1, 1988', '1988-04-01', 'day'),
    D('April 1', '1987-04-01', 'day'), D('April 7', '1987-04-07', 'day')])
R('test', 'reut2-009.sgm', 9211, '1987-03-25', [
    D('six months', 'P6M', 'duration'), D('one year', 'P1Y', 'duration'), D('six month', 'P6M', 'duration'),
    D('April 6', '1987-04-06', 'day'), D('six more months', 'P6M', 'duration'), D('last week', '1987-W12', 'week'),
    D('this week', '1987-W13', 'week'), D('yesterday', '1987-03-24', 'day')])
R('test', 'reut2-009.sgm', 9603, '1987-03-25', [
    D('February', '1987-02', 'month'), D('March', '1987-03', 'month'), D('February', '1987-02', 'month'),
    D('March', '1987-03', 'month'), D('1986', '1986', 'year'), D('1987', '1987', 'year'), D('1988', '1988', 'year'),
    D('February', '1987-02', 'month'), D('the fourth quarter of 1986', '1986-Q4', 'quarter'),
    D('this quarter', '1987-Q1', 'quarter'), D('February', '1987-02', 'month')])
R('test', 'reut2-009.sgm', 9655, '1987-03-25', [
    D('1982-86', '1982', 'year'), D('last year', '1986', 'year'), D('the second half of 1987', '1987-H2', 'half'),
    D('next month', '1987-04', 'month'), D('seven year', 'P7Y', 'duration'), D('four years', 'P4Y', 'duration'),
    D('last year', '1986', 'year'), D('1985', '1985', 'year'), D('this year', '1987', 'year'), D('1986', '1986', 'year'),
    D('nine months', 'P9M', 'duration'), D('this year', '1987', 'year')],
  [M('1.3 billion dlrs', 1.3e9, 'USD'), P('five pct', 5), M('60 mln dlrs', 60e6, 'USD'), M('50 mln dlr', 50e6, 'USD'),
   P('1-1/8 pct', 1.125), M('around three billion dlrs', 3e9, 'USD', 'about'),
   M('no more than about 100 mln dlrs', 100e6, 'USD', 'up to'), M('around 13 billion dlrs', 13e9, 'USD', 'about'),
   M('around three billion dlrs', 3e9, 'USD', 'about'), M('about one billion', 1e9, 'USD', 'about'),
   M('3.5 billion dlrs', 3.5e9, 'USD'), P('five pct', 5)])
R('test', 'reut2-009.sgm', 9032, '1987-03-24', [
    D('March 31', '1987-03-31', 'day'), D('March 31', '1987-03-31', 'day'), D('1985', '1985', 'year'),
    D('the fourth quarter', '1986-Q4', 'quarter')])
R('test', 'reut2-009.sgm', 9037, '1987-03-24', [
    D('March 21', '1987-03-21', 'day'), D('a year earlier', '1986-03-21', 'day'), D('March 14', '1987-03-14', 'day'),
    D('52 weeks', 'P52W', 'duration'), D('March 21', '1987-03-21', 'day'), D('this year', '1987', 'year'),
    D('last year', '1986', 'year')])
R('test', 'reut2-009.sgm', 9171, '1987-03-25', [
    D('January', '1987-01', 'month'), D('December', '1986-12', 'month'), D('January 1986', '1986-01', 'month'),
    D('January', '1987-01', 'month'), D('December', '1986-12', 'month'), D('a year earlier', '1986-01', 'month')])
R('test', 'reut2-017.sgm', 17050, '1987-04-23', [
    D('February', '1987-02', 'month'), D('March', '1987-03', 'month'), D('last month', '1987-03', 'month'),
    D('last month', '1987-03', 'month'), D('today', '1987-04-23', 'day')])
R('test', 'reut2-017.sgm', 17047, '1987-04-23', [
    D('yesterday', '1987-04-22', 'day'), D('Yesterday', '1987-04-22', 'day'), D('yesterday', '1987-04-22', 'day'),
    D('the first quarter', '1987-Q1', 'quarter'), D('next week', '1987-W18', 'week'), D('yesterday', '1987-04-22', 'day')])
R('test', 'reut2-017.sgm', 17123, '1987-04-24', [
    D('April 16-21', '1987-04-16', 'day'), D('the end of the month', '1987-04', 'month', 'end'),
    D('a week', 'P1W', 'duration'), D('this year', '1987', 'year'), D('1986', '1986', 'year'),
    D('last year', '1986', 'year'), D('mid-April', '1986-04', 'month', 'mid')])
R('test', 'reut2-017.sgm', 17170, '1987-04-24', [
    D('the first three months of the year', '1987-Q1', 'quarter'), D('January', '1987-01', 'month'),
    D('March', '1987-03', 'month'), D('last year', '1986', 'year'), D('last January', '1987-01', 'month'),
    D('January 1986', '1986-01', 'month'), D('March', '1987-03', 'month'), D('last year', '1986', 'year')],
  [P('2.5 per cent', 2.5), P('0.8 percent', 0.8), F('0.1', 0.1), P('4.2 per cent', 4.2),
   M('723 million roubles', 723e6, 'RUB'), M('1.08 billion dollars', 1.08e9, 'USD'), P('2.7 per cent', 2.7),
   M('27.5 billion roubles', 27.5e9, 'RUB'), M('41.25 billion dollars', 41.25e9, 'USD'),
   M('4.8 billion roubles', 4.8e9, 'RUB'), M('7.2 billion dollars', 7.2e9, 'USD')])

# ---------------- BBC, dev ----------------
B('dev', 'business/390.txt', [D('2000', '2000', 'year'), D('2003', '2003', 'year'), D('2003', '2003', 'year')],
  [M('$14m', 14e6, 'USD'), M('$14.5m', 14.5e6, 'USD'), M('£7.74m', 7.74e6, 'GBP'),
   V('thousands of gun sales violations', 2000, 'gun sales violations'), M('$5m', 5e6, 'USD'),
   M('more than $4m', 4e6, 'USD', 'more than'), C('23 people', 23, 'people'), C('36 guns', 36, 'guns')])
B('dev', 'business/125.txt', [D('2004', '2004', 'year'), D('the year before', '2003', 'year'), D('2001', '2001', 'year'),
   D('2002', '2002', 'year'), D('2004', '2004', 'year'), D('the past two years', 'P2Y', 'duration')],
  [F('fivefold', 5, 'times', 'ratio'), M('1.33bn Australian dollars', 1.33e9, 'AUD'), M('$1bn', 1e9, 'USD'),
   M('£550m', 550e6, 'GBP'), M('A$246bn', 246e9, 'AUD'), M('A$8.4bn', 8.4e9, 'AUD'), P('more than 9%', 9, 'more than'),
   P('43%', 43), P('36%', 36)])
B('dev', 'business/170.txt', [D('late 2004', '2004', 'year', 'end'), D('the last quarter of 2004', '2004-Q4', 'quarter'),
   D('the previous year', '2003', 'year'), D('2003', '2003', 'year'), D('the back-end of 2004', '2004', 'year', 'end')],
  [P('0.7%', 0.7), P('10.7%', 10.7), P('13.7%', 13.7), M('£180,126', 180126, 'GBP'), M('£178,906', 178906, 'GBP'),
   F('nearly a quarter', 0.25, 'fraction', 'proportion', 'nearly'), P('0.8%', 0.8), P('0.4%', 0.4)])
B('dev', 'business/084.txt', [D('2004', '2004', 'year')],
  [M('$16bn', 16e9, 'USD'), M('$16.6bn', 16.6e9, 'USD'), M('£8.82bn', 8.82e9, 'GBP'), P('24%', 24),
   C('About 10 million Mexicans', 10e6, 'Mexicans', 'about'), C('16 million citizens', 16e6, 'citizens'),
   P('more than 2%', 2, 'more than'), C('50.9 million transactions', 50.9e6, 'transactions'), M('$327', 327, 'USD'),
   P('50', 50), P('60%', 60), M('$45bn', 45e9, 'USD')])
B('dev', 'business/186.txt', [D('the next two years', 'P2Y', 'duration'), D('the 1990s', '199X', 'decade'),
   D('1993', '1993', 'year')],
  [F('16.2 times', 16.2, 'times', 'ratio'), P('Over 85%', 85, 'more than'), M('1,050', 1050, 'INR'),
   M('1,125 rupees', 1125, 'INR'), M('$24', 24, 'USD'), M('$26', 26, 'USD'), P('45%', 45), P('20%', 20),
   C('17.2 million shares', 17.2e6, 'shares'), M('up to $443m', 443e6, 'USD', 'up to'), M('£230.8m', 230.8e6, 'GBP'),
   C('42 aircraft', 42, 'aircraft'), C('271 scheduled flights', 271, 'scheduled flights')])

# ---------------- BBC, test ----------------
B('test', 'politics/171.txt', [D('two hours', 'PT2H', 'duration'), D('two hours', 'PT2H', 'duration'),
   D('two hours', 'PT2H', 'duration'), D('2002', '2002', 'year'), D('2000', '2000', 'year')],
  [M('up to £250m', 250e6, 'GBP', 'up to'), C('five million children', 5e6, 'children'),
   C('151,000 sports clubs', 151000, 'sports clubs'), F('a third', 1 / 3, 'fraction', 'proportion'),
   F('two-fifths', 0.4, 'fraction', 'proportion'), M('£750m', 750e6, 'GBP'), M('£41m', 41e6, 'GBP')])
B('test', 'business/012.txt', [D('2004', '2004', 'year'), D('2003', '2003', 'year')],
  [P('as much as 30%', 30, 'up to'), V('Millions of Indonesians', 2e6, 'Indonesians'), V('Millions of people', 2e6, 'people'),
   M('59.2 trillion rupiah', 59.2e12, 'IDR'), M('$6.58bn', 6.58e9, 'USD'), M('£3.5bn', 3.5e9, 'GBP'),
   M('14.5 trillion rupiah', 14.5e12, 'IDR'), P('30%', 30), P('20%', 20), P('30%', 30)])
B('test', 'business/047.txt', [D('2005', '2005', 'year'), D('the last five years', 'P5Y', 'duration'),
   D('the next five years', 'P5Y', 'duration'), D('2008', '2008', 'year'), D('2012', '2012', 'year'),
   D('the next seven years', 'P7Y', 'duration')],
  [M('$4bn', 4e9, 'USD'), C('70 Boeing 737-800 planes', 70, 'Boeing 737-800 planes'), M('$4bn', 4e9, 'USD'),
   M('£2.1bn', 2.1e9, 'GBP'), C('2,500 new Ryanair jobs', 2500, 'new Ryanair jobs'), C('70 aircraft', 70, 'aircraft'),
   C('225 firm orders', 225, 'firm orders'), C('193 more', 193, None), C('about 100 new planes', 100, 'new planes', 'about'),
   C('70 new orders', 70, 'new orders'), C('more than 70 million passengers', 70e6, 'passengers', 'more than'),
   C('About 2,500 new jobs', 2500, 'new jobs', 'about')])
B('test', 'business/133.txt', [D('1994', '1994', 'year'), D('2003', '2003', 'year')],
  [M('1bn CFA francs', 1e9, 'XOF'), M('$2m', 2e6, 'USD'), M('£1m', 1e6, 'GBP'),
   C('About 500 officials', 500, 'officials', 'about')])

# Validate: every annotated text occurs, in order, in the whitespace-normalised article text.
ok = True
for d in docs:
    s = d['source']
    text = reuters(s['file'], s['newid']) if s['corpus'] == 'reuters21578' else bbc(s['file'])
    for layer in ('dates', 'figures'):
        pos = 0
        for item in d[layer]:
            i = text.find(item['text'], pos)
            if i < 0:
                print('NOT FOUND', d['id'], layer, repr(item['text']), file=sys.stderr); ok = False
            else:
                pos = i + 1
out = dict(about='Hand-annotated dev/test gold for temporal expressions and figures; see GUIDE.md.',
           documents=docs)
json.dump(out, open(HERE / 'gold.json', 'w'), indent=1, ensure_ascii=False)
for sp in ('dev', 'test'):
    print(sp, 'docs', sum(d['split'] == sp for d in docs), 'dates', sum(len(d['dates']) for d in docs if d['split'] == sp),
          'figures', sum(len(d['figures']) for d in docs if d['split'] == sp))
print('ok' if ok else 'ERRORS')
